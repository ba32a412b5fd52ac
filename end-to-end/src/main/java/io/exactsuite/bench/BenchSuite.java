package io.exactsuite.bench;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.exactsuite.launch.JavaService;
import io.exactsuite.launch.Scratch;
import io.exactsuite.testing.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The suite as the benchmark measures it: one durable PostgreSQL server (fsync and synchronous_commit on)
 * holding every service's database and the ceilings' own, the gateway simulator, and one JVM per service
 * started one after another, so each one's time to ready is its own. Production profile, no test timings.
 */
final class BenchSuite implements AutoCloseable {

    enum Service {
        GATEWAY("gateway-simulator", null), VOTING("voting-service", "voting"), POINTS("points-service", "points"),
        ORDER("order-service", "orders"), PAYMENT("payment-service", "payments");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    static final String CEILING_DATABASE = "ceiling";
    static final String SERVICE_TOKEN = DevTokens.mint("suite-services", Duration.ofHours(12), "service");
    /** Each service calls the others as itself (its own token subject); see Caller#requireAdminOr. */
    static final String ORDER_SERVICE_TOKEN = DevTokens.mint("order-service", Duration.ofHours(12), "service");
    static final String VOTING_SERVICE_TOKEN = DevTokens.mint("voting-service", Duration.ofHours(12), "service");
    static final String PAYMENT_SERVICE_TOKEN = DevTokens.mint("payment-service", Duration.ofHours(12), "service");
    static final String ADMIN = DevTokens.mint("ops", Duration.ofHours(12), "admin");
    final String gatewayKey = "sk_test_" + UUID.randomUUID();
    private final String webhookSecret = "whsec_" + UUID.randomUUID();

    private final Path home;
    private final EmbeddedDatabase postgres;
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, JavaService> running = new LinkedHashMap<>();
    private final Map<Service, List<String>> flags = new LinkedHashMap<>();
    private final Path repository;
    final Map<Service, Long> readyMillis = new LinkedHashMap<>();

    /**
     * @param flightRecordings when true, each service JVM records a JFR profile into {@code home}, written as it stops
     * @param jvmFlags added to every service's command line
     */
    BenchSuite(Path repository, Path home, boolean flightRecordings, List<String> jvmFlags) {
        this.home = home;
        this.repository = repository;
        Scratch.deleteRecursively(home.resolve("pg"));
        for (Service service : Service.values()) {
            home.resolve(service.module + ".jfr").toFile().delete(); // never summarise an earlier run's recording
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = EmbeddedDatabase.start(home.resolve("pg"), true, CEILING_DATABASE);
        for (Service service : Service.values()) {
            ports.put(service, Scratch.freeLoopbackPort());
            if (service.database != null) {
                createDatabase(service.database);
            }
        }
        for (Service service : Service.values()) {
            // The flags ./suite runs every service with, then the run's own (a later flag wins).
            List<String> serviceFlags = new ArrayList<>(List.of("@" + repository.resolve("deploy/jvm.options")));
            serviceFlags.addAll(jvmFlags);
            if (flightRecordings) {
                serviceFlags.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + home.resolve(service.module + ".jfr"));
            }
            flags.put(service, serviceFlags);
            JavaService started = start(service, List.of());
            running.put(service, started);
            readyMillis.put(service, started.awaitReady());
        }
    }

    /** One service's start on its own, the others idle: first recording a class-data archive, then using it. */
    record StartAlone(long recordingMillis, long warmMillis, long idleMib) {
    }

    /**
     * Restarts each service on its own, twice: once writing a class-data sharing archive of its start as it stops
     * ({@code -XX:ArchiveClassesAtExit}), then from that archive ({@code -XX:SharedArchiveFile}): the "warm JVM
     * cache" a service has from its second start on, as a container image built with the archive has from its
     * first. The archived JVM keeps running for the rest of the run; its resident memory at ready is its idle RSS.
     */
    Map<Service, StartAlone> restartEachAloneFromArchive() {
        Map<Service, StartAlone> starts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            Path archive = home.resolve(service.module + ".jsa");
            archive.toFile().delete();
            running.remove(service).stop();
            JavaService recording = start(service, List.of("-XX:ArchiveClassesAtExit=" + archive));
            long recordingMillis = recording.awaitReady();
            recording.stop(); // SIGTERM: the archive is written as the JVM exits
            JavaService warm = start(service, archive.toFile().isFile() ? List.of("-XX:SharedArchiveFile=" + archive) : List.of());
            long warmMillis = warm.awaitReady();
            running.put(service, warm);
            starts.put(service, new StartAlone(recordingMillis, archive.toFile().isFile() ? warmMillis : -1, warm.residentMib()));
        }
        return starts;
    }

    private JavaService start(Service service, List<String> extraFlags) {
        List<String> command = new ArrayList<>(flags.get(service));
        command.addAll(extraFlags);
        return JavaService.start(repository, service.module, service.module, ports.get(service), env(service),
                home.resolve(service.module + ".log"), command);
    }

    String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    int postgresPort() {
        return postgres.port();
    }

    /** Resident memory of each service's JVM now, in MiB. */
    Map<Service, Long> residentMib() {
        Map<Service, Long> rss = new LinkedHashMap<>();
        running.forEach((service, jvm) -> rss.put(service, jvm.residentMib()));
        return rss;
    }

    /** Runs statements on one database of the server: the ceilings' own, or a service's for fixtures. */
    void sql(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), EmbeddedDatabase.USERNAME, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> env(Service service) {
        Map<String, String> env = new HashMap<>();
        if (service == Service.GATEWAY) {
            env.put("SIMULATOR_API_KEY", gatewayKey);
            env.put("SIMULATOR_WEBHOOK_URL", url(Service.PAYMENT) + "/webhooks/gateway");
            env.put("SIMULATOR_WEBHOOK_SECRET", webhookSecret);
            return env;
        }
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(service.database));
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USERNAME);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("PAYMENT_OWNERS_ORDER_BASE_URL", url(Service.ORDER));
        env.put("PAYMENT_OWNERS_VOTING_BASE_URL", url(Service.VOTING));
        env.put("PAYMENT_OWNERS_SERVICE_TOKEN", PAYMENT_SERVICE_TOKEN);
        env.put("PAYMENT_GATEWAY_BASE_URL", url(Service.GATEWAY));
        env.put("PAYMENT_GATEWAY_SECRET_KEY", gatewayKey);
        env.put("PAYMENT_WEBHOOK_SECRETS", webhookSecret);
        env.put("ORDERS_POINTS_BASE_URL", url(Service.POINTS));
        env.put("ORDERS_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("ORDERS_SERVICE_TOKEN", ORDER_SERVICE_TOKEN);
        // Checkouts made by the load are left unpaid: they expire after the run, not in the middle of it.
        env.put("ORDERS_PAYMENT_TTL", "PT2H");
        // One buyer places every checkout of the load, so the per-customer cap on unpaid units is off here.
        env.put("ORDERS_INVENTORY_MAX_UNPAID_UNITS_PER_SLOT", "0");
        // A few clients act for many users here; per-caller rate limits (a per-replica abuse guard) would only throttle them.
        env.put("SUITE_RATE_LIMITS_ENABLED", "false");
        env.put("VOTING_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("VOTING_SERVICE_TOKEN", VOTING_SERVICE_TOKEN);
        return env;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    private void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), EmbeddedDatabase.USERNAME, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        List<JavaService> services = new ArrayList<>(running.values());
        services.forEach(JavaService::stop);
        postgres.close();
    }
}
