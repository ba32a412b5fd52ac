package io.exactsuite.payment;

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
 * The naive verify of seeds 000 and 002 (read the status, and if it is PENDING, mark it paid and book the
 * capture), here in the test on scratch tables: under the load VerifyRaceTests puts on the real code it
 * books the same payment many times. A barrier makes every racer read before any writes.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class NaiveStatusHarnessTests {

    private static final int RACERS = 20;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void naiveCheckThenSetChargesTwice() throws Exception {
        try (Connection setup = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            setup.createStatement().execute("""
                    DROP TABLE IF EXISTS naive_capture; DROP TABLE IF EXISTS naive_payment;
                    CREATE TABLE naive_payment (id INT PRIMARY KEY, status TEXT NOT NULL);
                    CREATE TABLE naive_capture (payment_id INT NOT NULL);
                    INSERT INTO naive_payment VALUES (1, 'PENDING');""");
        }
        CyclicBarrier everyoneHasChecked = new CyclicBarrier(RACERS);

        Race.run(RACERS, i -> () -> {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                ResultSet row = connection.createStatement().executeQuery("SELECT status FROM naive_payment WHERE id = 1");
                row.next();
                boolean pending = row.getString(1).equals("PENDING");
                everyoneHasChecked.await(60, TimeUnit.SECONDS);
                if (pending) {
                    connection.createStatement().executeUpdate("UPDATE naive_payment SET status = 'SUCCEEDED' WHERE id = 1");
                    connection.createStatement().executeUpdate("INSERT INTO naive_capture VALUES (1)");
                }
            }
            return null;
        });

        try (Connection check = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            ResultSet captures = check.createStatement().executeQuery("SELECT count(*) FROM naive_capture");
            captures.next();
            assertThat(captures.getInt(1)).as("one payment, booked by every racer").isEqualTo(RACERS);
        }
    }
}
