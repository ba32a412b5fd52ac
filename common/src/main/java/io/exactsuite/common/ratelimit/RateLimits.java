package io.exactsuite.common.ratelimit;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-caller limits on the flows a caller could abuse (checkouts, purchases, spends, holds, refunds, failed
 * webhooks): {@code suite.rate-limits.<action>.per-minute} requests a minute per caller, as a token bucket,
 * so a short burst is fine and a flood is not. Over it: 429 {@code rate_limited} with {@code Retry-After}.
 *
 * <p>These limits are per replica, kept in memory: with N replicas behind a load balancer a caller gets up
 * to N times the limit. That is the intent (they protect a replica and blunt a script, they guarantee
 * nothing); no invariant of the suite depends on them, and every one holds without them.
 */
@ApplicationScoped
public class RateLimits {

    private final Map<String, TokenBuckets> byAction = new ConcurrentHashMap<>();

    @Inject
    Config config;
    @ConfigProperty(name = "suite.rate-limits.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * Counts one request of the caller for {@code action}. The suite's own services are not limited here:
     * they act for many users at once, and each user was limited where the flow began.
     */
    public void admit(String action, Caller caller) {
        if (!caller.isService()) {
            admit(action, caller.id());
        }
    }

    /** Counts one request of {@code key} (a caller id, a client address) for {@code action}; 429 rate_limited when over. */
    public void admit(String action, String key) {
        if (!enabled) {
            return;
        }
        TokenBuckets buckets = byAction.computeIfAbsent(action, name -> new TokenBuckets(
                config.getOptionalValue("suite.rate-limits." + name + ".per-minute", Integer.class).orElse(60),
                Duration.ofMinutes(1), System::nanoTime));
        long waitNanos = buckets.take(key);
        if (waitNanos > 0) {
            int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
            throw new ApiException(429, "rate_limited", "Too many requests", "Too many " + action + " requests from this "
                    + "caller; retry after " + seconds + " s", Map.of(ApiException.RETRY_AFTER_SECONDS, seconds));
        }
    }
}
