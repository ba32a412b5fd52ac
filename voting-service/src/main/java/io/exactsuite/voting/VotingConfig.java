package io.exactsuite.voting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "voting")
public interface VotingConfig {

    Payment payment();

    /** Bearer token (group service) voting-service sends to payment-service. */
    @WithDefault("none")
    String serviceToken();

    /** Counter rows per contestant; a credit picks one at random (raising it later is safe). */
    @WithDefault("16")
    int tallyStripes();

    /** Most credits one commit carries (see CreditBatcher). */
    @WithDefault("64")
    int creditBatchSize();

    interface Payment {
        @WithDefault("http://127.0.0.1:8084")
        String baseUrl();
    }
}
