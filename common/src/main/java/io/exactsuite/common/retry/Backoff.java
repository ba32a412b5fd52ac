package io.exactsuite.common.retry;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with jitter: {@code initial × 2^(attempt-1)}, capped at {@code max}, then scaled
 * by a random factor in [0.5, 1) so that many retries of one outage spread out instead of arriving
 * together.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, not " + initial + ", " + max);
        }
    }

    /** The pause after {@code attempt} (1-based) failed attempts. */
    public Duration after(int attempt) {
        return after(attempt, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound));
    }

    /** As {@link #after(int)}, with the random draw in [0, bound) supplied (for tests). */
    public Duration after(int attempt, LongUnaryOperator randomBelow) {
        long initialMillis = initial.toMillis();
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long uncapped = initialMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initialMillis << doublings;
        long capped = Math.min(max.toMillis(), uncapped);
        long floor = capped / 2;
        return Duration.ofMillis(floor + randomBelow.applyAsLong(Math.max(1, capped - floor)));
    }
}
