package io.exactsuite.gatewaysim.charge;

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

@Path("/v1/charges")
@Tag(name = "charges")
@Produces(MediaType.APPLICATION_JSON)
public class ChargeResource {

    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    ChargeService charges;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a pending charge; the payer completes it at checkoutUrl")
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, CreateCharge request) {
        IdempotencyKeys.Outcome<Charge> outcome = charges.create(idempotencyKey, request);
        Response.ResponseBuilder answer = Response.ok(charges.view(outcome.result()));
        return (outcome.replayed() ? answer.header(REPLAYED, "true") : answer).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A charge as it is now")
    public ChargeView get(@PathParam("id") String id) {
        return charges.view(charges.find(id));
    }
}
