package io.exactsuite.voting;

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
 * Seed 000's verify_payment, naively, in the test on scratch tables: checking "already verified?"
 * without a lock lets two deliveries of one payment both add the votes (doubled), and read-modify-write
 * on the total makes concurrent purchases overwrite each other (lost). A barrier makes every racer read
 * before any writes.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class NaiveCreditHarnessTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void naiveVerifyDoublesTheVotesOfOnePayment() throws Exception {
        scratch();
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        Race.run(2, i -> () -> {
            naiveCredit(1, bothHaveRead, "votes + 10");
            return null;
        });
        assertThat(total()).as("10 paid votes recorded as 20").isEqualTo(20);
    }

    @Test
    void naiveReadModifyWriteLosesOtherPurchasesVotes() throws Exception {
        scratch();
        CyclicBarrier everyoneHasRead = new CyclicBarrier(5);
        Race.run(5, i -> () -> {
            naiveCredit(i + 1, everyoneHasRead, null);
            return null;
        });
        assertThat(total()).as("five purchases of 10, one survives").isEqualTo(10);
    }

    /** {@code increment} null: write back read total + 10 (read-modify-write); else an atomic increment after the check. */
    private void naiveCredit(int purchase, CyclicBarrier barrier, String increment) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            ResultSet verified = connection.createStatement().executeQuery(
                    "SELECT verified FROM naive_purchase WHERE id = " + purchase);
            verified.next();
            boolean alreadyVerified = verified.getBoolean(1);
            ResultSet total = connection.createStatement().executeQuery("SELECT votes FROM naive_contestant WHERE id = 1");
            total.next();
            long votes = total.getLong(1);
            barrier.await(60, TimeUnit.SECONDS);
            if (!alreadyVerified) {
                String newTotal = increment != null ? increment : Long.toString(votes + 10);
                connection.createStatement().executeUpdate("UPDATE naive_contestant SET votes = " + newTotal + " WHERE id = 1");
                connection.createStatement().executeUpdate("UPDATE naive_purchase SET verified = true WHERE id = " + purchase);
            }
        }
    }

    private void scratch() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.createStatement().execute("""
                    DROP TABLE IF EXISTS naive_purchase; DROP TABLE IF EXISTS naive_contestant;
                    CREATE TABLE naive_contestant (id INT PRIMARY KEY, votes BIGINT NOT NULL);
                    CREATE TABLE naive_purchase (id INT PRIMARY KEY, verified BOOLEAN NOT NULL);
                    INSERT INTO naive_contestant VALUES (1, 0);
                    INSERT INTO naive_purchase SELECT g, false FROM generate_series(1, 5) g;""");
        }
    }

    private long total() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            ResultSet row = connection.createStatement().executeQuery("SELECT votes FROM naive_contestant WHERE id = 1");
            row.next();
            return row.getLong(1);
        }
    }
}
