package io.exactsuite.common.tx;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Runs a unit of work in its own transaction and runs it again, a bounded number of times, when the
 * database says the race was lost (40001 serialization failure, 40P01 deadlock, optimistic-lock
 * conflict, or 23505 unique violation: under READ COMMITTED a "check, then insert" loses to a
 * concurrent insert that way, and the rerun's check then sees the winner's row). Each attempt is a
 * fresh transaction, so nothing from a lost attempt survives.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01", "23505");

    @Inject
    TransactionConfig config;

    public <T> T inRetryingTransaction(Callable<T> work) {
        int attempts = Math.max(1, config.maxAttempts());
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (!isLostRace(e)) {
                    throw e;
                }
                if (attempt >= attempts) {
                    LOG.debugf("Giving up after %d attempts: %s", attempt, e.getMessage());
                    throw new ApiException(409, "contention", "Conflict",
                            "The resource is busy with concurrent changes; retry the request");
                }
                backOff(attempt);
            }
        }
    }

    private void backOff(int attempt) {
        long maxNanos = config.maxBackoff().toNanos() * attempt / Math.max(1, config.maxAttempts());
        if (maxNanos > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxNanos));
        }
    }

    static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of the first SQL failure in the cause chain, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
