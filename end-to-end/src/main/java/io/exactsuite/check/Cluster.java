package io.exactsuite.check;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.exactsuite.launch.JavaService;
import io.exactsuite.launch.Scratch;
import io.exactsuite.testing.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The suite as the checker attacks it, on loopback: for each service a PostgreSQL (behind a proxy that
 * can cut its connections) shared by two replicas (behind a round-robin balancer that can cut or delay
 * theirs), plus the gateway simulator. Every service reaches every other through its balancer, so a
 * killed replica, a cut connection or a dead database is met by real inter-service calls.
 */
final class Cluster implements Target {

    enum Service {
        POINTS("points-service", "points"), PAYMENT("payment-service", "payments"), ORDER("order-service", "orders"),
        VOTING("voting-service", "voting");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    static final int REPLICAS = 2;
    static final String SERVICE_TOKEN = DevTokens.mint("suite-services", Duration.ofHours(12), "service");
    /** Each service calls the others as itself (its own token subject); see Caller#requireAdminOr. */
    static final String ORDER_SERVICE_TOKEN = DevTokens.mint("order-service", Duration.ofHours(12), "service");
    static final String VOTING_SERVICE_TOKEN = DevTokens.mint("voting-service", Duration.ofHours(12), "service");
    static final String PAYMENT_SERVICE_TOKEN = DevTokens.mint("payment-service", Duration.ofHours(12), "service");
    static final String ADMIN = DevTokens.mint("ops", Duration.ofHours(12), "admin");
    private static final String WEBHOOK_SECRET = "whsec_" + UUID.randomUUID();
    private static final String GATEWAY_KEY = "sk_test_" + UUID.randomUUID();

    private final Path home;
    private final Path jars;
    private final Map<Service, EmbeddedDatabase> databases = java.util.Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Map<Service, FaultyProxy> databaseProxies = new EnumMap<>(Service.class);
    private final Map<Service, FaultyProxy> balancers = new EnumMap<>(Service.class);
    private final Map<Service, int[]> replicaPorts = new EnumMap<>(Service.class);
    private final Map<String, Process> processes = new HashMap<>();
    private final int gatewayPort = Scratch.freeLoopbackPort();

    /** Null, or a mutant every replica runs with (under the {@code mutant} profile: the prod profile refuses it). */
    private final String mutant;

    /** @param jars the repository root, where each module's target/quarkus-app/quarkus-run.jar is */
    Cluster(Path home, Path jars, String mutant) {
        this.home = home;
        this.jars = jars;
        this.mutant = mutant;
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Service service : Service.values()) {
            // A fresh directory per run, kept (not cleaned) by the handle: a crashed server restarts on its files.
            Scratch.deleteRecursively(home.resolve("pg-" + service.module));
            EmbeddedDatabase database = EmbeddedDatabase.start(home.resolve("pg-" + service.module), true, service.database);
            databases.put(service, database);
            pgBin(home.resolve("pg-" + service.module)); // remembered now, while the server runs
            databaseProxies.put(service, FaultyProxy.start(service.module + "-db",
                    List.of(new InetSocketAddress("127.0.0.1", database.port()))));
            int[] ports = new int[REPLICAS];
            List<InetSocketAddress> backends = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                ports[i] = Scratch.freeLoopbackPort();
                backends.add(new InetSocketAddress("127.0.0.1", ports[i]));
            }
            replicaPorts.put(service, ports);
            balancers.put(service, FaultyProxy.start(service.module, backends));
        }
        startGateway();
        // Replica 0 of each first (one runs the migrations), then the second replicas together.
        for (int i = 0; i < REPLICAS; i++) {
            List<String> started = new ArrayList<>();
            for (Service service : Service.values()) {
                started.add(launch(service, i));
            }
            started.forEach(this::awaitReady);
        }
    }

    @Override
    public String url(Service service) {
        return "http://127.0.0.1:" + balancers.get(service).port();
    }

    @Override
    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    @Override
    public String gatewayKey() {
        return GATEWAY_KEY;
    }

    /** SIGKILL of one replica: no shutdown hook, in-flight requests cut. */
    @Override
    public void killReplica(Service service, int replica) {
        Process process = processes.remove(name(service, replica));
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    @Override
    public void restartReplica(Service service, int replica) {
        awaitReady(launch(service, replica));
    }

    /** Cuts every open connection to the service's replicas (both directions, with a reset). */
    @Override
    public int cutConnections(Service service) {
        return balancers.get(service).cutAll();
    }

    @Override
    public int cutDatabaseConnections(Service service) {
        return databaseProxies.get(service).cutAll();
    }

    @Override
    public void delayConnections(Service service, long millis) {
        balancers.get(service).delay(millis);
    }

    /**
     * PostgreSQL's immediate shutdown (what {@code pg_ctl stop -m immediate} sends: SIGQUIT to the postmaster),
     * a crash it recovers from its WAL on the next start. Signalled directly: pg_ctl refuses to run as root.
     */
    @Override
    public void crashDatabase(Service service) {
        Path dataDirectory = home.resolve("pg-" + service.module);
        long pid = postmasterPid(dataDirectory);
        run(List.of("kill", "-QUIT", Long.toString(pid)));
        // Gone when its lock file is (the postmaster removes it on exit) or it is a zombie: its parent is init,
        // which may reap it late, and Java counts a zombie as alive.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(dataDirectory.resolve("postmaster.pid")) && !gone(pid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL of " + service.module + " did not stop within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** True when the process has exited (no /proc entry) or exited and awaits reaping (state Z). */
    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException noSuchProcess) {
            return true;
        }
    }

    /**
     * Starts PostgreSQL again on the same files (it replays its WAL) and points the database proxy at it:
     * the replicas' pools reconnect through the proxy as they would to a restarted server.
     */
    @Override
    public void restartDatabase(Service service) {
        databases.get(service).close(); // the crashed server's handle: releases zonky's lock on the data directory
        Path pidFile = home.resolve("pg-" + service.module).resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile) && gone(postmasterPid(pidFile.getParent()))) {
                Files.delete(pidFile); // a zombie's pid still answers kill -0: PostgreSQL would think it is running
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedDatabase restarted = EmbeddedDatabase.start(home.resolve("pg-" + service.module), true, service.database);
        databases.put(service, restarted);
        databaseProxies.get(service).retarget(List.of(new InetSocketAddress("127.0.0.1", restarted.port())));
    }

    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("faults.log").toFile())).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The binaries the embedded server runs from (zonky unpacks them); remembered while the server is up. */
    private final Map<Path, Path> binaries = new HashMap<>();

    private Path pgBin(Path dataDirectory) {
        return binaries.computeIfAbsent(dataDirectory, directory -> {
            long pid = postmasterPid(directory);
            {
                return ProcessHandle.of(pid).flatMap(process -> process.info().command()).map(Path::of)
                        .map(Path::getParent).orElseThrow(() -> new IllegalStateException("no postgres process " + pid));
            }
        });
    }

    private String launch(Service service, int replica) {
        String name = name(service, replica);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + databaseProxies.get(service).port() + "/"
                + service.database);
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USERNAME);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("PAYMENT_OWNERS_ORDER_BASE_URL", url(Service.ORDER));
        env.put("PAYMENT_OWNERS_VOTING_BASE_URL", url(Service.VOTING));
        env.put("PAYMENT_OWNERS_SERVICE_TOKEN", PAYMENT_SERVICE_TOKEN);
        env.put("PAYMENT_OUTBOX_INITIAL_BACKOFF", "PT0.2S");
        env.put("PAYMENT_OUTBOX_MAX_BACKOFF", "PT2S");
        env.put("PAYMENT_OUTBOX_MAX_ATTEMPTS", "1000");
        env.put("PAYMENT_GATEWAY_BASE_URL", gatewayUrl());
        env.put("PAYMENT_GATEWAY_SECRET_KEY", GATEWAY_KEY);
        env.put("PAYMENT_WEBHOOK_SECRETS", WEBHOOK_SECRET);
        env.put("PAYMENT_SWEEP_EVERY", "3s");
        env.put("PAYMENT_SWEEP_AFTER", "PT4S");
        env.put("PAYMENT_SWEEP_AGAIN", "PT10S");
        env.put("PAYMENT_SWEEP_HORIZON", "PT90S");
        env.put("ORDERS_POINTS_BASE_URL", url(Service.POINTS));
        env.put("ORDERS_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("ORDERS_SERVICE_TOKEN", ORDER_SERVICE_TOKEN);
        env.put("ORDERS_PAYMENT_TTL", "PT8S");
        // A few clients act for many users here; per-caller rate limits (a per-replica abuse guard) would only throttle them.
        env.put("SUITE_RATE_LIMITS_ENABLED", "false");
        env.put("ORDERS_EXPIRY_CHECK_EVERY", "1s");
        env.put("ORDERS_SAGA_COMPLETER_EVERY", "1s");
        env.put("ORDERS_SAGA_RETRY_INITIAL", "PT0.5S");
        env.put("ORDERS_SAGA_RETRY_MAX", "PT3S");
        env.put("ORDERS_RECONCILIATION_EVERY", "2s");
        env.put("ORDERS_RECONCILIATION_AFTER", "PT3S");
        env.put("VOTING_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("VOTING_SERVICE_TOKEN", VOTING_SERVICE_TOKEN);
        if (mutant != null) {
            env.put("SUITE_MUTANT", mutant);
            env.put("QUARKUS_PROFILE", "mutant");
        }
        processes.put(name, start(service.module, replicaPorts.get(service)[replica], env, name));
        return name;
    }

    private void startGateway() {
        Map<String, String> env = new HashMap<>();
        env.put("SIMULATOR_API_KEY", GATEWAY_KEY);
        env.put("SIMULATOR_WEBHOOK_URL", url(Service.PAYMENT) + "/webhooks/gateway");
        env.put("SIMULATOR_WEBHOOK_SECRET", WEBHOOK_SECRET);
        processes.put("gateway-simulator", start("gateway-simulator", gatewayPort, env, "gateway-simulator"));
        awaitReady("gateway-simulator");
    }

    private Process start(String module, int port, Map<String, String> env, String name) {
        JavaService started = JavaService.start(jars, module, name, port, env, home.resolve(name + ".log"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        launched.put(name, started);
        return started.process();
    }

    /** The JVMs as last started under each name (a restarted replica replaces its predecessor). */
    private final Map<String, JavaService> launched = new java.util.concurrent.ConcurrentHashMap<>();

    private void awaitReady(String name) {
        launched.get(name).awaitReady();
    }

    private static String name(Service service, int replica) {
        return service.module + "-" + replica;
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public java.util.List<String> faultClasses() {
        return Check.ALL_FAULTS;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(Cluster::waitFor);
        processes.values().forEach(Process::destroyForcibly);
        balancers.values().forEach(FaultyProxy::close);
        databaseProxies.values().forEach(FaultyProxy::close);
        databases.values().forEach(EmbeddedDatabase::close);
    }
}
