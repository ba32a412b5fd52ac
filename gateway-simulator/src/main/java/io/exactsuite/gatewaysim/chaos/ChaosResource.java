package io.exactsuite.gatewaysim.chaos;

import io.exactsuite.gatewaysim.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/chaos")
@Tag(name = "chaos", description = "Switches that make the simulator misbehave the way real gateways do")
@Produces(MediaType.APPLICATION_JSON)
public class ChaosResource {

    @Inject
    Chaos chaos;

    @GET
    @Operation(summary = "The switches in force")
    public ChaosSettings get() {
        return chaos.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace every switch (all fields required)")
    public ChaosSettings put(ChaosSettings settings) {
        if (settings == null) {
            throw ApiException.badRequest("chaos_invalid", "A JSON body with every chaos field is required");
        }
        return chaos.set(settings);
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Back to calm: every webhook once, on time, in order; every payment and refund succeeds")
    public ChaosSettings reset() {
        return chaos.reset();
    }
}
