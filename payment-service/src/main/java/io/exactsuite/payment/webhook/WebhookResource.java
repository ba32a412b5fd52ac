package io.exactsuite.payment.webhook;

import io.exactsuite.common.problem.ApiException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
    WebhookService webhooks;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "{\"result\": processed | duplicate | ignored}")
    @APIResponse(responseCode = "400", description = "signature_missing, signature_invalid, signature_stale, malformed_event")
    public Map<String, String> receive(
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + body)>")
            @HeaderParam(WebhookSignature.HEADER) String signature,
            byte[] body) {
        if (body == null) {
            throw ApiException.badRequest("malformed_event", "The webhook body is empty");
        }
        return Map.of("result", webhooks.receive(signature, body).name().toLowerCase());
    }
}
