package io.exactsuite.gatewaysim.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Always ready (state is in memory); reports how many webhooks are still waiting for a 2xx. */
@Readiness
@ApplicationScoped
public class WebhookQueueCheck implements HealthCheck {

    @Inject
    WebhookOutbox outbox;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("webhooks").up().withData("waiting", outbox.size()).build();
    }
}
