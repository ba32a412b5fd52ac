package io.exactsuite.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the races the service defends against are real on this very database: the naive code of
 * seed 001 (read the balance, decide in the application, write it back) lives here, in the test, on a
 * scratch table with no constraints. A barrier makes every thread read before any writes, which is the
 * interleaving concurrent requests can always hit; the service's own race tests use the same load.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class NaiveRaceHarnessTests {

    private static final int THREADS = 20;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeEach
    void scratchTable() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute("""
                    DROP TABLE IF EXISTS naive_account;
                    CREATE TABLE naive_account (id INT PRIMARY KEY, balance BIGINT NOT NULL);
                    INSERT INTO naive_account VALUES (1, 10);""");
        }
    }

    @Test
    void naiveReadModifyWriteLosesUpdates() throws SQLException {
        CyclicBarrier everyoneHasRead = new CyclicBarrier(THREADS);
        Race.run(THREADS, i -> () -> {
            try (Connection connection = connect()) {
                long balance = readBalance(connection);
                await(everyoneHasRead);
                writeBalance(connection, balance - 1);
            }
            return null;
        });

        // Twenty spends of 1 point from 10 should have stopped at zero with ten refusals;
        // the naive code recorded every spend yet took only one point.
        assertThat(balanceNow()).isEqualTo(9);
    }

    @Test
    void naiveCheckThenDecrementDrivesTheBalanceNegative() throws SQLException {
        CyclicBarrier everyoneHasChecked = new CyclicBarrier(THREADS);
        Race.run(THREADS, i -> () -> {
            try (Connection connection = connect()) {
                boolean enough = readBalance(connection) >= 1;
                await(everyoneHasChecked);
                if (enough) {
                    connection.createStatement().executeUpdate("UPDATE naive_account SET balance = balance - 1 WHERE id = 1");
                }
            }
            return null;
        });

        assertThat(balanceNow()).isEqualTo(10 - THREADS).isNegative();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    private static long readBalance(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT balance FROM naive_account WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void writeBalance(Connection connection, long balance) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE naive_account SET balance = ? WHERE id = 1")) {
            update.setLong(1, balance);
            update.executeUpdate();
        }
    }

    private long balanceNow() throws SQLException {
        try (Connection connection = connect()) {
            return readBalance(connection);
        }
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException, TimeoutException {
        barrier.await(60, TimeUnit.SECONDS);
    }
}
