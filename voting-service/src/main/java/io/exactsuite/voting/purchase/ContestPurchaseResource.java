package io.exactsuite.voting.purchase;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.ratelimit.RateLimits;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Buying votes in a contest: the purchase feature's endpoint under the contest's URL. The class shares
 * ContestResource's root path, so the server matches both as one tree: another method on this URL still
 * answers 405, not 404.
 */
@Path("/contests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
// The tag the operation had while ContestResource served it, so the published API document stays the same.
@Tag(name = "Contest Resource")
public class ContestPurchaseResource {

    @Inject
    RateLimits rateLimits;
    @Inject
    Caller caller;

    @Inject
    PurchaseService purchases;
    @Inject
    Idempotency idempotency;

    @POST
    @Path("/{id}/purchases")
    @APIResponse(responseCode = "201", description = "PENDING_PAYMENT; pay at checkoutUrl",
            content = @Content(schema = @Schema(implementation = PurchaseView.class)))
    @APIResponse(responseCode = "409", description = "contest_closed")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "dependency_unavailable, with Retry-After; nothing written")
    public Response buy(@PathParam("id") UUID contestId,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull BuyVotes body) {
        rateLimits.admit("purchase", caller);
        Idempotency.validate(idempotencyKey);
        UUID id = purchases.buy(contestId, body, idempotencyKey);
        return idempotency.execute(idempotencyKey, body,
                () -> Outcome.created(PurchaseView.of(VotePurchase.findById(id)), "/purchases/" + id));
    }
}
