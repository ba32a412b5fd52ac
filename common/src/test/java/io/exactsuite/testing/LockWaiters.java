package io.exactsuite.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits on a condition PostgreSQL reports, not on a clock: "n sessions are blocked on a lock". */
public final class LockWaiters {

    private LockWaiters() {
    }

    public static void await(String jdbcUrl, int count) {
        Awaitility.await("at least " + count + " sessions waiting on a lock").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                            ResultSet waiting = connection.createStatement().executeQuery("""
                                    SELECT count(*) FROM pg_stat_activity
                                    WHERE wait_event_type = 'Lock' AND datname = current_database()""")) {
                        waiting.next();
                        return waiting.getInt(1) >= count;
                    }
                });
    }
}
