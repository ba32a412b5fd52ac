package io.exactsuite.common.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that means "the service's own database cannot be reached right now" (a failover, a restart, a
 * pool that cannot get a connection) anywhere in an exception's causes, so it is answered 503 with Retry-After, as a
 * dependency that is down is, instead of a 500 that reads like a bug.
 */
public final class DatabaseOutage {

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is going away or not yet accepting. */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 20;

    private DatabaseOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof SQLTransientConnectionException || current instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (current instanceof SQLException sql) {
                String state = sql.getSQLState();
                // SQLState class 08: connection exception (refused, broken, lost during the statement).
                if (state != null && (state.startsWith("08") || SHUTTING_DOWN.contains(state))) {
                    return true;
                }
                // Agroal, when no connection could be had within the acquisition timeout.
                if (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }
}
