package io.exactsuite.payment.outbox;

import static io.exactsuite.common.auth.Caller.ADMIN;

import io.exactsuite.common.db.Paging;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operators' view of the outbox: what is pending, delivered, or dead-lettered, and a way to resend. */
@Path("/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ADMIN)
public class OutboxResource {

    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    Idempotency idempotency;

    @GET
    public List<OutboxEventView> list(@QueryParam("status") OutboxStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        var query = status == null ? OutboxEvent.<OutboxEvent>findAll(Sort.descending("id"))
                : OutboxEvent.<OutboxEvent>find("status", Sort.descending("id"), status);
        return query.page(page, size).list().stream().map(OutboxEventView::of).toList();
    }

    @POST
    @Path("/{id}/retry")
    @APIResponse(responseCode = "200", description = "Back to PENDING, due now",
            content = @Content(schema = @Schema(implementation = OutboxEventView.class)))
    @APIResponse(responseCode = "409", description = "outbox_event_not_dead")
    public Response retry(@PathParam("id") long id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.execute(idempotencyKey, null, () -> Outcome.ok(OutboxEventView.of(dispatcher.retry(id))));
    }
}
