package io.exactsuite.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), now::get);

    @Test
    void shouldAllowABurstUpToTheCapacityThenSayHowLongToWait() {
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isEqualTo(TimeUnit.SECONDS.toNanos(20)); // one token per 20 s
        assertThat(buckets.take("bob")).as("another caller has its own bucket").isZero();
    }

    @Test
    void shouldRefillAtTheRateAndNotBeyondTheCapacity() {
        for (int i = 0; i < 3; i++) {
            buckets.take("alice");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(19));
        assertThat(buckets.take("alice")).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isPositive();

        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("alice")).isZero();
        }
        assertThat(buckets.take("alice")).as("an hour idle refills three tokens, not 180").isPositive();
    }

    @Test
    void shouldForgetCallersWhoseBucketsAreFullOnceManyAreTracked() {
        for (int i = 0; i <= 10_000; i++) {
            buckets.take("caller-" + i);
        }
        now.addAndGet(TimeUnit.MINUTES.toNanos(2));
        buckets.take("one-more");
        assertThat(buckets.tracked()).isEqualTo(1);
    }

    @Test
    void shouldRefuseANonsenseLimit() {
        assertThatThrownBy(() -> new TokenBuckets(0, Duration.ofMinutes(1), now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, Duration.ZERO, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
