package io.exactsuite.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void shouldDoublePerAttemptBetweenHalfAndAllOfTheStep() {
        assertThat(backoff.after(1, bound -> 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(1, bound -> bound - 1)).isEqualTo(Duration.ofMillis(999));
        assertThat(backoff.after(2, bound -> 0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.after(4, bound -> 0)).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void shouldStayUnderTheCapHoweverManyAttempts() {
        assertThat(backoff.after(9, bound -> 0)).as("2^8 s, under the cap").isEqualTo(Duration.ofSeconds(128));
        for (int attempt : new int[] { 10, 31, 64, Integer.MAX_VALUE }) {
            assertThat(backoff.after(attempt, bound -> bound - 1)).isLessThan(Duration.ofMinutes(5));
            assertThat(backoff.after(attempt, bound -> 0)).isEqualTo(Duration.ofMillis(150_000));
        }
    }

    @Test
    void shouldTreatAttemptZeroAsTheFirstAndAZeroBackoffAsNone() {
        assertThat(backoff.after(0, bound -> 0)).isEqualTo(backoff.after(1, bound -> 0));
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).after(5, bound -> 0)).isZero();
    }

    @Test
    void shouldSpreadRealDrawsInsideTheWindow() {
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.after(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(3999));
        }
    }

    @Test
    void shouldRefuseACapBelowTheStart() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
