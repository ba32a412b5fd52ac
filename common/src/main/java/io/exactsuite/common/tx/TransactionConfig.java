package io.exactsuite.common.tx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "suite.transactions")
public interface TransactionConfig {

    /** How many times a whole transaction runs when PostgreSQL reports a serialization failure,
     * a deadlock, or an optimistic-lock conflict, before the client gets 409 {@code contention}. */
    @WithDefault("5")
    int maxAttempts();

    /** Upper bound of the random pause before a retry; the pause grows with each attempt. */
    @WithDefault("PT0.05S")
    Duration maxBackoff();
}
