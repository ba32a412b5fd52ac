package io.exactsuite.points.hold;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

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

/**
 * Places a hold on an account; here so that the account package needs nothing from hold. The class path is
 * AccountResource's on purpose (see AccountLedgerResource): a wrong method on it still answers 405, not 404.
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class AccountHoldsResource {

    @Inject
    HoldService holds;
    @Inject
    Idempotency idempotency;

    @POST
    @Path("/{id}/holds")
    @APIResponse(responseCode = "201", description = "Points held",
            content = @Content(schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "409", description = "insufficient_points: fewer points available than requested")
    public Response hold(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PlaceHold body) {
        return idempotency.execute(idempotencyKey, body, () -> {
            var hold = holds.place(id, body);
            return Outcome.created(HoldView.of(hold), "/holds/" + hold.id);
        });
    }
}
