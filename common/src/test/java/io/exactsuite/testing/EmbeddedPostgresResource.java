package io.exactsuite.testing;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A throwaway real PostgreSQL for one test JVM: fresh data directory, removed when tests end.
 * Every {@code @QuarkusTest} of a module declares it, so one instance serves the whole module.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            database = EmbeddedDatabase.start(Files.createTempDirectory("exact-suite-pg-"), false, "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                EmbeddedDatabase.JDBC_URL, database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USERNAME,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
