package io.exactsuite.payment;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * In the {@code prod} profile (what {@code java -jar} runs) payment-service refuses to start with what is
 * committed to this repository or meant for local runs: the dev-only webhook secret (anyone could sign
 * webhooks that mark payments paid), the dev gateway key, or the gateway simulator as its gateway (whose
 * checkout page pays anything without asking). The local launchers run the {@code dev} profile.
 */
@ApplicationScoped
public class ProductionGuard {

    /** The simulator's address, payment.gateway.base-url's default. */
    static final String SIMULATOR_URL = "http://127.0.0.1:8085";
    static final String DEV_GATEWAY_KEY = "sk_test_dev_only";

    void check(@Observes StartupEvent started, PaymentConfig config) {
        String problem = problem(ConfigUtils.getProfiles(), config.webhook().secrets(), config.gateway().secretKey(),
                config.gateway().baseUrl());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Null when the configuration may run in these profiles, else every reason why not. */
    static String problem(List<String> profiles, List<String> webhookSecrets, String gatewayKey, String gatewayUrl) {
        if (!profiles.contains("prod")) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        if (webhookSecrets.contains(PaymentConfig.DEV_WEBHOOK_SECRET)) {
            reasons.add("the committed dev-only webhook secret (set PAYMENT_WEBHOOK_SECRETS to the gateway's signing secret)");
        }
        if (DEV_GATEWAY_KEY.equals(gatewayKey)) {
            reasons.add("the dev gateway key (set PAYMENT_GATEWAY_SECRET_KEY)");
        }
        if (gatewayUrl.replaceAll("/+$", "").equals(SIMULATOR_URL)) {
            reasons.add("the gateway simulator as its gateway (set PAYMENT_GATEWAY_BASE_URL to the real gateway)");
        }
        return reasons.isEmpty() ? null : "Refusing to start in the prod profile with " + String.join("; with ", reasons);
    }
}
