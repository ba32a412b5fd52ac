package io.exactsuite.points.ledger;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/entries")
@Produces(MediaType.APPLICATION_JSON)
public class EntryResource {

    @Inject
    LedgerService ledger;
    @Inject
    Idempotency idempotency;

    @GET
    @Path("/{id}")
    @RolesAllowed({ USER, SERVICE, ADMIN })
    public EntryView get(@PathParam("id") long id) {
        return EntryView.of(ledger.find(id));
    }

    /** Compensates one entry (e.g. a refund); no body. */
    @POST
    @Path("/{id}/reversal")
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "201", description = "The compensating REVERSAL entry",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "already_reversed, not_reversible, or insufficient_points")
    public Response reverse(@PathParam("id") long id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.execute(idempotencyKey, null, () -> {
            LedgerEntry reversal = ledger.reverse(id);
            return Outcome.created(EntryView.of(reversal), "/entries/" + reversal.id);
        });
    }
}
