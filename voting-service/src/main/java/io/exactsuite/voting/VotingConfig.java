package io.exactsuite.voting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "voting")
public interface VotingConfig {

    Payment payment();

    /**
     * Bearer token (group service) voting-service sends to payment-service. Common's PaymentClient reads it as
     * {@code payment-service.token} (application.properties); declared here so {@code voting.service-token} stays
     * a known property with its default.
     */
    @WithDefault("none")
    String serviceToken();

    /** Counter rows per contestant; a credit picks one at random (raising it later is safe). */
    @WithDefault("16")
    int tallyStripes();

    /** Most credits one commit carries (see CreditBatcher). */
    @WithDefault("64")
    int creditBatchSize();

    /**
     * How long after a contest's closesAt a vote payment may still succeed and count. A success learned later
     * credits nothing and is refunded automatically.
     */
    @WithDefault("PT15M")
    Duration paymentGrace();

    /** How often the late-refund job retries refunds payment-service has not accepted yet. */
    @WithDefault("10s")
    String lateRefundEvery();

    interface Payment {
        @WithDefault("http://127.0.0.1:8084")
        String baseUrl();
    }
}
