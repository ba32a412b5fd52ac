package io.exactsuite.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTests {

    @Test
    void connectionFailuresAnywhereInTheCausesAreAnOutage() {
        assertThat(DatabaseOutage.isOutage(new PersistenceException("could not prepare statement",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new RuntimeException(new PersistenceException(
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"))))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException(
                new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLTransientConnectionException("pool closed"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        assertThat(DatabaseOutage.isOutage(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new NullPointerException())).isFalse();
        assertThat(DatabaseOutage.isOutage(null)).isFalse();
    }
}
