package io.exactsuite.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's naive check-then-decrement (read the stock, decide in the application, decrement), in the
 * test on a scratch table without constraints: under the load the inventory race tests use, it sells the
 * last slot many times. A barrier makes every racer check before any decrements.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class NaiveOversellHarnessTests {

    private static final int RACERS = 20;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void naiveCheckThenDecrementOversells() throws Exception {
        try (Connection setup = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            setup.createStatement().execute("""
                    DROP TABLE IF EXISTS naive_stock;
                    CREATE TABLE naive_stock (id INT PRIMARY KEY, available INT NOT NULL);
                    INSERT INTO naive_stock VALUES (1, 1);""");
        }
        CyclicBarrier everyoneHasChecked = new CyclicBarrier(RACERS);

        Race.run(RACERS, i -> () -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                ResultSet row = connection.createStatement().executeQuery("SELECT available FROM naive_stock WHERE id = 1");
                row.next();
                boolean inStock = row.getInt(1) >= 1;
                everyoneHasChecked.await(60, TimeUnit.SECONDS);
                if (inStock) {
                    connection.createStatement().executeUpdate("UPDATE naive_stock SET available = available - 1 WHERE id = 1");
                }
            }
            return null;
        });

        try (Connection check = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            ResultSet row = check.createStatement().executeQuery("SELECT available FROM naive_stock WHERE id = 1");
            row.next();
            assertThat(row.getInt(1)).as("one slot, sold to every racer").isEqualTo(1 - RACERS);
        }
    }
}
