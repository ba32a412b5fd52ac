package io.exactsuite.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "payment")
public interface PaymentConfig {

    /** Largest amount one payment may carry, in any currency's major unit. */
    @WithDefault("1000000")
    BigDecimal maxAmount();

    Gateway gateway();

    Webhook webhook();

    Owners owners();

    Outbox outbox();

    Simulator simulator();

    Refunds refunds();

    interface Gateway {
        /** {@code simulated} (built in, the embedded default) or {@code http} (a Stripe/Paystack-style API). */
        @WithDefault("simulated")
        String kind();

        /** Base URL of the HTTP gateway API. */
        Optional<String> baseUrl();

        /** Secret API key for the HTTP gateway, sent as a bearer token. */
        Optional<String> secretKey();
    }

    interface Webhook {
        /** Every secret currently accepted for webhook signatures (rotation: add the new one, then drop the old). */
        @WithDefault("dev-only-webhook-secret")
        List<String> secrets();

        /** How far a signature timestamp may be from now, either way. */
        @WithDefault("PT300S")
        Duration tolerance();
    }

    interface Owners {
        /** order-service, which hears about ORDER payments at /orders/{id}/payment-events. */
        @WithDefault("http://127.0.0.1:8083")
        String orderBaseUrl();

        /** voting-service, which hears about VOTES payments at /purchases/{id}/payment-events. */
        @WithDefault("http://127.0.0.1:8081")
        String votingBaseUrl();

        /** Bearer token (group {@code service}) sent with every event delivery. */
        @WithDefault("none")
        String serviceToken();
    }

    interface Outbox {
        /** Failed deliveries after which an event is dead-lettered (visible at GET /outbox?status=DEAD). */
        @WithDefault("10")
        int maxAttempts();

        /** First retry delay; it doubles per attempt, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** Per-delivery HTTP timeout. */
        @WithDefault("PT5S")
        Duration deliveryTimeout();

        /** Events delivered per dispatcher run. */
        @WithDefault("20")
        int batchSize();

        /** How often the dispatcher runs on each replica ({@code off} disables it; tests drive it by hand). */
        @WithDefault("1s")
        String dispatchEvery();
    }

    interface Refunds {
        /** How often booked refunds whose gateway call failed are tried again. */
        @WithDefault("10s")
        String retryEvery();
    }

    interface Simulator {
        /** Where the simulator sends its webhooks; by default this service's own /webhooks/gateway. */
        Optional<String> webhookUrl();

        /** Base URL payers reach the simulator at, used in checkoutUrl; by default http://127.0.0.1:{port}. */
        Optional<String> publicUrl();

        /** How often the simulator sends due webhooks. */
        @WithDefault("1s")
        String sendEvery();
    }
}
