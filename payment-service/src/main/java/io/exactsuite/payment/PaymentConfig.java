package io.exactsuite.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "payment")
public interface PaymentConfig {

    Gateway gateway();

    Webhook webhook();

    Owners owners();

    Outbox outbox();

    Refunds refunds();

    Sweep sweep();

    interface Gateway {
        /** Base URL of the gateway API (the gateway simulator by default). */
        @WithDefault("http://127.0.0.1:8085")
        String baseUrl();

        /** Secret API key for the gateway, sent as a bearer token. */
        @WithDefault("sk_test_dev_only")
        String secretKey();
    }

    interface Webhook {
        /** Every secret currently accepted for webhook signatures (rotation: add the new one, then drop the old). */
        @WithDefault(DEV_WEBHOOK_SECRET)
        List<String> secrets();

        /** How far a signature timestamp may be from now, either way. */
        @WithDefault("PT300S")
        Duration tolerance();
    }

    /** Committed in this repository, so only ever good for local development; the prod profile refuses it. */
    String DEV_WEBHOOK_SECRET = "dev-only-webhook-secret";

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

        /** Per-delivery HTTP timeout; must be shorter than {@link #lease()}. */
        @WithDefault("PT5S")
        Duration deliveryTimeout();

        /** How long a claimed event is left to its dispatcher before another replica may claim it again. */
        @WithDefault("PT30S")
        Duration lease();

        /** Events claimed per dispatcher round. */
        @WithDefault("64")
        int batchSize();

        /** Deliveries in flight at once on one replica (each payment's events still go one at a time, in order). */
        @WithDefault("16")
        int concurrency();

        /** How often a dead letter is tried again, automatically, until its owner takes it. */
        @WithDefault("PT15M")
        Duration deadRetryEvery();

        /** How often the dispatcher runs on each replica ({@code off} disables it; tests drive it by hand). */
        @WithDefault("1s")
        String dispatchEvery();
    }

    interface Refunds {
        /** How often booked refunds due for a (re)try are executed at the gateway. */
        @WithDefault("5s")
        String retryEvery();

        /** First retry delay after the gateway was unreachable or said "pending"; doubles per attempt. */
        @WithDefault("PT2S")
        Duration initialBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** How long an execution may hold a refund before another replica may pick it up. */
        @WithDefault("PT30S")
        Duration lease();
    }

    /** Asking the gateway about payments whose webhook may have been lost. */
    interface Sweep {
        /** How often each replica sweeps ({@code off} disables it; tests drive it by hand). */
        @WithDefault("30s")
        String every();

        /** A payment is left to its webhook this long after its last change before the gateway is asked. */
        @WithDefault("PT2M")
        Duration after();

        /** The least time between two questions about one payment. */
        @WithDefault("PT5M")
        Duration again();

        /** Payments created longer ago than this are no longer asked about (the gateway's checkout has expired). */
        @WithDefault("PT48H")
        Duration horizon();

        /** Payments asked about per round and replica. */
        @WithDefault("50")
        int batchSize();
    }
}
