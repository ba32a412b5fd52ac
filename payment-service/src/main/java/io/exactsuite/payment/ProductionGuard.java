package io.exactsuite.payment;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * In the {@code prod} profile (what {@code java -jar} runs) payment-service refuses to start with a
 * secret that is committed to this repository: anyone could sign webhooks that mark payments paid.
 */
@ApplicationScoped
public class ProductionGuard {

    void check(@Observes StartupEvent started, PaymentConfig config) {
        String problem = problem(ConfigUtils.getProfiles(), config.webhook().secrets());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Null when the configuration may run in these profiles, else why not. */
    static String problem(List<String> profiles, List<String> webhookSecrets) {
        if (profiles.contains("prod") && webhookSecrets.contains(PaymentConfig.DEV_WEBHOOK_SECRET)) {
            return "Refusing to start in the prod profile with the committed dev-only webhook secret: set "
                    + "PAYMENT_WEBHOOK_SECRETS to the gateway's signing secret (the suite launcher generates one)";
        }
        return null;
    }
}
