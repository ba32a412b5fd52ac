package io.exactsuite.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service, started as a user starts it: both database modes of the README. */
class RunModeIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void shouldStartEmbeddedPostgresWithoutConfigurationAndKeepDataAcrossRestarts() {
        Path data = dir.resolve("data");
        String owner = "restart-" + UUID.randomUUID();
        String token = DevTokens.user(owner);
        String accountPath;
        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("first.log"), Map.of(),
                "-Dsuite.data-dir=" + data)) {
            accountPath = openAccount(service, owner);
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).as("embedded PostgreSQL stopped with the service").doesNotExist();

        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("second.log"), Map.of(),
                "-Dsuite.data-dir=" + data)) {
            assertThat(service.http().get(accountPath, token).status()).isEqualTo(200);
            Http.Reply replay = service.http().post("/accounts", token, "open", "{\"ownerId\":\"" + owner + "\"}");
            assertThat(replay.isReplay()).isTrue();
        }
    }

    @Test
    void shouldRecoverItsEmbeddedPostgresAfterBeingKilled() {
        Path data = dir.resolve("data");
        String owner = "killed-" + UUID.randomUUID();
        String token = DevTokens.user(owner);
        String accountPath;
        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("first.log"), Map.of(),
                "-Dsuite.data-dir=" + data)) {
            accountPath = openAccount(service, owner);
            service.kill();
        }
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL outlived the killed service").exists();

        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("second.log"), Map.of(),
                "-Dsuite.data-dir=" + data)) {
            assertThat(service.http().get(accountPath, token).status()).isEqualTo(200);
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void shouldUseTheConfiguredPostgresAndStartNothingEmbedded() throws Exception {
        Path unusedData = dir.resolve("must-not-exist");
        String owner = "external-" + UUID.randomUUID();
        try (EmbeddedDatabase external = EmbeddedDatabase.start(dir.resolve("external"), false, "points_external");
                ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("service.log"),
                        Map.of("QUARKUS_DATASOURCE_JDBC_URL", external.jdbcUrl(),
                                "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USERNAME,
                                "QUARKUS_DATASOURCE_PASSWORD", ""),
                        "-Dsuite.data-dir=" + unusedData)) {
            openAccount(service, owner);

            try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), EmbeddedDatabase.USERNAME, "");
                    ResultSet row = connection.createStatement().executeQuery(
                            "SELECT count(*) FROM account WHERE owner_id = '" + owner + "'")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
            }
            assertThat(Files.exists(unusedData)).isFalse();
            assertThat(service.log()).doesNotContain("embedded PostgreSQL");
        }
    }

    /** Opens an account with the fixed key "open" and returns its path. */
    private static String openAccount(ServiceProcess service, String owner) {
        Http.Reply created = service.http().post("/accounts", DevTokens.user(owner), "open",
                "{\"ownerId\":\"" + owner + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return "/accounts/" + created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
