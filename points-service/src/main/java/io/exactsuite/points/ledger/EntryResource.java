package io.exactsuite.points.ledger;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.idempotency.Idempotency;
import io.vertx.core.http.HttpServerRequest;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/entries")
@Produces(MediaType.APPLICATION_JSON)
public class EntryResource {

    @Inject
    Caller caller;

    @Inject
    LedgerService ledger;
    @Inject
    Idempotency idempotency;
    @Inject
    HttpServerRequest request;

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
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = false,
            description = "Optional durable key of the business effect (1-255 of A-Z a-z 0-9 : . _ -); a repeat "
                    + "answers 200 with the existing entry and Business-Replayed: true, or 409 reference_conflict",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "200", description = "Business replay: the entry already recorded under this Business-Reference",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409",
            description = "already_reversed, not_reversible, insufficient_points, or reference_conflict")
    public Response reverse(@PathParam("id") long id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        caller.requireAdminOr(Caller.ORDER_SERVICE);
        String reference = BusinessReference.of(request);
        return Recorded.marked(idempotency.execute(idempotencyKey, BusinessReference.fingerprint(null, reference),
                () -> ledger.reverse(id, reference).outcome()));
    }
}
