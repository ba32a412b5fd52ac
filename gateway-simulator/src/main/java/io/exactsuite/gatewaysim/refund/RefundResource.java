package io.exactsuite.gatewaysim.refund;

import io.exactsuite.gatewaysim.charge.ChargeResource;
import io.exactsuite.gatewaysim.idempotency.IdempotencyKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/refunds")
@Tag(name = "refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundResource {

    @Inject
    RefundService refunds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund part or all of a captured charge")
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, CreateRefund request) {
        IdempotencyKeys.Outcome<Refund> outcome = refunds.create(idempotencyKey, request);
        Response.ResponseBuilder answer = Response.ok(refunds.view(outcome.result()));
        return (outcome.replayed() ? answer.header(ChargeResource.REPLAYED, "true") : answer).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A refund as it is now")
    public RefundView get(@PathParam("id") String id) {
        return refunds.view(refunds.find(id));
    }
}
