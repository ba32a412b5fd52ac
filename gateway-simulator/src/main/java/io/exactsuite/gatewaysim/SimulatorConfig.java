package io.exactsuite.gatewaysim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Everything a deployment may change, under {@code simulator.*}. The defaults are for local development only. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The one API key: {@code Authorization: Bearer <key>} on /v1/* and /chaos. */
    @WithDefault("sk_test_dev_only")
    String apiKey();

    /** Where webhooks are POSTed (payment-service's webhook endpoint by default). */
    @WithDefault("http://127.0.0.1:8084/webhooks/gateway")
    String webhookUrl();

    /** HMAC-SHA256 key of the {@code Gateway-Signature} header. */
    @WithDefault("dev-only-webhook-secret")
    String webhookSecret();

    /** Base of the {@code checkoutUrl} payers open; absent means {@code http://127.0.0.1:<actual port>}. */
    Optional<String> publicUrl();

    /** A webhook is given up after this many unacknowledged send rounds. */
    @WithDefault("20")
    int webhookMaxAttempts();

    /**
     * Charges whose webhooks are sent at the same time, as a real gateway does; one charge's own webhooks
     * still go one after another, in their order (or reversed, under chaos).
     */
    @WithDefault("16")
    int webhookConcurrency();

    /** Pause between send rounds of an unacknowledged webhook. */
    @WithDefault("PT1S")
    Duration webhookRetry();
}
