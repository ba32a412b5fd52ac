package io.exactsuite.gatewaysim.api;

import io.exactsuite.gatewaysim.chaos.Chaos;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Chaos {@code apiDelayMs}: the /v1 call has already been applied when this runs, only its answer waits.
 * That is the realistic gateway timeout: the charge or refund exists, the caller never heard.
 */
public class ApiDelayFilter {

    @Inject
    Chaos chaos;

    @ServerResponseFilter
    public Uni<Void> delayAnswer(ContainerRequestContext request) {
        int delayMs = chaos.current().apiDelayMs();
        if (delayMs <= 0 || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return Uni.createFrom().voidItem();
        }
        // Non-blocking: no worker thread is parked while the caller waits.
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMs));
    }
}
