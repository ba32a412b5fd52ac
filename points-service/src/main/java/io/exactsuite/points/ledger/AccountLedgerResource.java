package io.exactsuite.points.ledger;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.ratelimit.RateLimits;
import io.exactsuite.common.db.Paging;
import io.exactsuite.common.idempotency.Idempotency;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
 * An account's ledger: earn, spend and its entries; here so that the account package needs nothing from ledger.
 * The class path is AccountResource's on purpose: RESTEasy Reactive merges classes sharing one into one route
 * table, so a wrong method on these paths still answers 405, not 404.
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class AccountLedgerResource {

    @Inject
    RateLimits rateLimits;
    @Inject
    Caller caller;

    @Inject
    LedgerService ledger;
    @Inject
    Idempotency idempotency;
    @Inject
    HttpServerRequest request;

    @GET
    @Path("/{id}/entries")
    public EntryPage entries(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @Parameter(description = "page size, capped at " + LedgerService.MAX_PAGE_SIZE)
            @QueryParam("size") @DefaultValue("20") @Min(1) int size) {
        return ledger.page(id, page, size);
    }

    @POST
    @Path("/{id}/earn")
    @RolesAllowed({ SERVICE, ADMIN })
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = false,
            description = "Optional durable key of the business effect (1-255 of A-Z a-z 0-9 : . _ -); a repeat "
                    + "answers 200 with the existing entry and Business-Replayed: true, or 409 reference_conflict",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "200", description = "Business replay: the entry already recorded under this Business-Reference",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "201", description = "Points credited",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "reference_conflict: the Business-Reference names a different entry")
    public Response earn(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PointsChange body) {
        caller.requireAdminOr(Caller.ORDER_SERVICE);
        String reference = BusinessReference.of(request);
        return Recorded.marked(idempotency.execute(idempotencyKey, BusinessReference.fingerprint(body, reference),
                () -> ledger.earn(id, body, reference).outcome()));
    }

    @POST
    @Path("/{id}/spend")
    @Parameter(in = ParameterIn.HEADER, name = BusinessReference.HEADER, required = false,
            description = "Optional durable key of the business effect (1-255 of A-Z a-z 0-9 : . _ -); a repeat "
                    + "answers 200 with the existing entry and Business-Replayed: true, or 409 reference_conflict",
            schema = @Schema(type = SchemaType.STRING, maxLength = BusinessReference.MAX_LENGTH,
                    pattern = BusinessReference.PATTERN))
    @APIResponse(responseCode = "200", description = "Business replay: the entry already recorded under this Business-Reference",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "201", description = "Points debited",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "insufficient_points: fewer points available than requested; "
            + "reference_conflict: the Business-Reference names a different entry")
    public Response spend(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PointsChange body) {
        rateLimits.admit("spend", caller);
        String reference = BusinessReference.of(request);
        return Recorded.marked(idempotency.execute(idempotencyKey, BusinessReference.fingerprint(body, reference),
                () -> ledger.spend(id, body, reference).outcome()));
    }
}
