package io.exactsuite.common.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code capacity} requests at once, refilled at {@code capacity} per {@code period}.
 * Pure logic with an injected clock (nanoseconds), so it is tested without sleeping. Buckets that have
 * refilled completely hold no information and are dropped when the map grows, which bounds memory by the
 * number of keys active within one period.
 */
public final class TokenBuckets {

    private static final int PRUNE_ABOVE = 10_000;

    private final int capacity;
    private final long nanosPerToken;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Tokens left (scaled by nanosPerToken, so refills are exact) as of {@code at}. */
    private record Bucket(long scaledTokens, long at) {
    }

    public TokenBuckets(int capacity, Duration period, LongSupplier clock) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.nanosPerToken = Math.max(1, period.toNanos() / capacity);
        this.clock = clock;
    }

    /**
     * Takes one token for {@code key}.
     *
     * @return 0 when the request may go ahead, else how many nanoseconds until a token is back
     */
    public long take(String key) {
        long now = clock.getAsLong();
        long full = capacity * nanosPerToken;
        long[] wait = new long[1];
        buckets.compute(key, (ignored, bucket) -> {
            long scaled = bucket == null ? full : Math.min(full, bucket.scaledTokens() + Math.max(0, now - bucket.at()));
            if (scaled >= nanosPerToken) {
                wait[0] = 0;
                return new Bucket(scaled - nanosPerToken, now);
            }
            wait[0] = nanosPerToken - scaled;
            return new Bucket(scaled, now);
        });
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.entrySet().removeIf(entry -> entry.getValue().scaledTokens() + (now - entry.getValue().at()) >= full);
        }
        return wait[0];
    }

    int tracked() {
        return buckets.size();
    }
}
