package io.exactsuite.common.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "suite.idempotency")
public interface IdempotencyConfig {

    /** How long a duplicate waits for the first request with the same key to finish before it gets
     * 409 {@code idempotency_key_in_flight}. */
    @WithDefault("PT5S")
    Duration waitTimeout();

    /**
     * How long a request run by {@link Idempotency#executeInSteps} owns its key before a retry may take it over:
     * longer than the slowest run of its remote calls, so only a crashed run's key is ever taken over.
     */
    @WithDefault("PT2M")
    Duration inFlightLease();

    /** How long a key is remembered; after that the same key starts a new request. */
    @WithDefault("PT24H")
    Duration retention();
}
