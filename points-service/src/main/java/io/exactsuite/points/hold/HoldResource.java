package io.exactsuite.points.hold;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.points.ledger.BusinessReference;
import io.exactsuite.points.ledger.EntryView;
import io.exactsuite.points.ledger.Recorded;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Capture and release are for the services running a checkout (and admins), not for end users. */
@Path("/holds")
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    @Inject
    Caller caller;

    @Inject
    HoldService holds;
    @Inject
    Idempotency idempotency;
    @Inject
    HttpServerRequest request;

    @GET
    @Path("/{id}")
    @RolesAllowed({ USER, SERVICE, ADMIN })
    public HoldView get(@PathParam("id") UUID id) {
        return HoldView.of(holds.find(id));
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "201", description = "Hold captured; the CAPTURE ledger entry",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = false,
            description = "Optional durable key of the business effect (1-255 of A-Z a-z 0-9 : . _ -); a repeat "
                    + "answers 200 with the existing entry and Business-Replayed: true, or 409 reference_conflict",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "200", description = "Business replay: the entry already recorded under this Business-Reference",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "hold_not_active: released, expired or already captured; "
            + "reference_conflict: the Business-Reference names a different entry")
    public Response capture(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        caller.requireAdminOr(Caller.ORDER_SERVICE);
        String reference = BusinessReference.of(request);
        return Recorded.marked(idempotency.execute(idempotencyKey, BusinessReference.fingerprint(null, reference),
                () -> holds.capture(id, reference).outcome()));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "200", description = "Hold released",
            content = @Content(schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "409", description = "hold_not_active: released, expired or already captured")
    public Response release(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        caller.requireAdminOr(Caller.ORDER_SERVICE);
        return idempotency.execute(idempotencyKey, null, () -> Outcome.ok(HoldView.of(holds.release(id))));
    }
}
