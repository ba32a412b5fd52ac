package io.exactsuite.payment.webhook;

import io.exactsuite.common.metrics.SuiteMetrics;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.ratelimit.RateLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The gateway's notifications. Authenticated by signature, not by bearer token; deduplicated by the
 * gateway's event id instead of an Idempotency-Key (gateways do not send ours).
 */
@Path("/webhooks/gateway")
public class WebhookResource {

    @Inject
    RateLimits rateLimits;

    @Inject
    WebhookService webhooks;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "{\"result\": processed | duplicate | ignored}")
    @APIResponse(responseCode = "400", description = "signature_missing, signature_invalid, signature_stale, malformed_event")
    @APIResponse(responseCode = "429", description = "rate_limited: too many failed webhooks from this address")
    public Map<String, String> receive(
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + body)>")
            @HeaderParam(WebhookSignature.HEADER) String signature,
            byte[] body, @Context HttpServerRequest request) {
        try {
            if (body == null) {
                throw ApiException.badRequest("malformed_event", "The webhook body is empty");
            }
            WebhookService.Result result = webhooks.receive(signature, body);
            if (result == WebhookService.Result.DUPLICATE) {
                SuiteMetrics.duplicateSuppressed("webhook");
            }
            return Map.of("result", result.name().toLowerCase());
        } catch (ApiException e) {
            if (e.status() == 400) {
                // Failures count per client address; past the limit the answer is 429, so guessing signatures is slow.
                rateLimits.admit("failed-webhook", request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
            }
            throw e;
        }
    }
}
