package io.exactsuite.testing;

import io.exactsuite.common.db.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One statement against a test's embedded database, behind the service's back (to plant a fault a test must see). */
public final class Sql {

    private Sql() {
    }

    /** Runs an UPDATE/INSERT/DELETE and answers how many rows it changed. */
    public static int update(String jdbcUrl, String statement) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USERNAME, "");
                Statement update = connection.createStatement()) {
            return update.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** Runs any statement (a SELECT of a function such as pg_terminate_backend, too), ignoring what it returns. */
    public static void execute(String jdbcUrl, String statement) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USERNAME, "");
                Statement any = connection.createStatement()) {
            any.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
