package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.newOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.LockWaiters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The bounded whole-transaction retry, against a deadlock PostgreSQL really detects. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TransactionRetryTests {

    @Inject
    Transactions transactions;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldRunATransactionAgainAfterPostgresChoseItAsADeadlockVictim() throws Exception {
        UUID first = UUID.fromString(accountWith(newOwner(), 0));
        UUID second = UUID.fromString(accountWith(newOwner(), 0));
        AtomicInteger attempts = new AtomicInteger();

        CompletableFuture<Integer> work;
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            other.setAutoCommit(false);
            lock(other, second);
            work = CompletableFuture.supplyAsync(() -> transactions.inRetryingTransaction(() -> {
                attempts.incrementAndGet();
                lockRow(first);
                lockRow(second);
                return attempts.get();
            }));
            LockWaiters.await(jdbcUrl, 1);
            // Closes the cycle. The work has waited longer, so its deadlock check fires first and it is
            // the one PostgreSQL aborts with 40P01; its retry then waits for this commit.
            lock(other, first);
            other.commit();
        }

        assertThat(work.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void shouldGiveUpWithContentionAfterTheConfiguredAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.inRetryingTransaction(() -> {
            attempts.incrementAndGet();
            throw new PersistenceException(new SQLException("could not serialize access", "40001"));
        })).isInstanceOf(ApiException.class).satisfies(e -> {
            assertThat(((ApiException) e).status()).isEqualTo(409);
            assertThat(((ApiException) e).code()).isEqualTo("contention");
        });
        assertThat(attempts).hasValue(5);
    }

    @Test
    void shouldNotRetryOtherFailures() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.inRetryingTransaction(() -> {
            attempts.incrementAndGet();
            throw new PersistenceException(new SQLException("check constraint violated", "23514"));
        })).isInstanceOf(PersistenceException.class);
        assertThat(attempts).hasValue(1);
    }

    private void lockRow(UUID account) {
        em.createNativeQuery("SELECT 1 FROM account WHERE id = ?1 FOR UPDATE").setParameter(1, account).getResultList();
    }

    private static void lock(Connection connection, UUID account) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM account WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, account);
            lock.executeQuery();
        }
    }
}
