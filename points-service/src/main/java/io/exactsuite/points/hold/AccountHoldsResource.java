package io.exactsuite.points.hold;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.ratelimit.RateLimits;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.points.ledger.BusinessReference;
import io.exactsuite.points.ledger.Recorded;
import io.vertx.core.http.HttpServerRequest;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Places a hold on an account; here so that the account package needs nothing from hold. The class path is
 * AccountResource's on purpose (see AccountLedgerResource): a wrong method on it still answers 405, not 404.
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class AccountHoldsResource {

    @Inject
    RateLimits rateLimits;
    @Inject
    Caller caller;

    @Inject
    HoldService holds;
    @Inject
    Idempotency idempotency;
    @Inject
    HttpServerRequest request;

    @POST
    @Path("/{id}/holds")
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = false,
            description = "Optional durable key of the hold (1-255 of A-Z a-z 0-9 : . _ -): at most one hold is ever "
                    + "placed under it; a repeat answers 200 with that hold and Business-Replayed: true",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "201", description = "Points held",
            content = @Content(schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "200", description = "Business replay: the hold already placed under this Business-Reference",
            content = @Content(schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "409", description = "insufficient_points: fewer points available than requested; "
            + "hold_voided: the Business-Reference was voided; reference_conflict: it names a different hold")
    public Response hold(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PlaceHold body) {
        rateLimits.admit("hold", caller);
        String reference = BusinessReference.of(request);
        return Recorded.marked(idempotency.execute(idempotencyKey, BusinessReference.fingerprint(body, reference), () -> {
            HoldService.Placed placed = holds.place(id, body, reference);
            HoldView view = HoldView.of(placed.hold());
            return placed.replayed() ? Outcome.ok(view) : Outcome.created(view, "/holds/" + placed.hold().id);
        }));
    }

    @POST
    @Path("/{id}/holds/void")
    @RolesAllowed({ SERVICE, ADMIN })
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = true,
            description = "The reference the hold was (or would have been) placed under",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "200", description = "The hold placed under the reference, released if it was still "
            + "held; or status VOIDED without a hold when none was placed, and none will be",
            content = @Content(schema = @Schema(implementation = HoldVoidView.class)))
    @APIResponse(responseCode = "409", description = "reference_conflict: the reference belongs to another account")
    public Response voidHold(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        caller.requireAdminOr(Caller.ORDER_SERVICE);
        String reference = BusinessReference.of(request);
        if (reference == null) {
            throw ApiException.invalidField(BusinessReference.HEADER, "is required");
        }
        return idempotency.execute(idempotencyKey, BusinessReference.fingerprint(null, reference),
                () -> Outcome.ok(holds.voidReference(id, reference)));
    }
}
