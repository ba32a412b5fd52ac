package io.exactsuite.order.points;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** points-service, as order-service uses it. Every call carries an Idempotency-Key derived from the order. */
@RegisterRestClient(configKey = "points")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PointsHttp {

    /**
     * A durable name for the business effect (points-service keeps it on the ledger entry, unique, for
     * ever): a step replayed after its idempotency record expired still takes or gives points once.
     */
    String BUSINESS_REFERENCE = "Business-Reference";

    @POST
    @Path("/accounts/{id}/holds")
    Response hold(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") UUID accountId, Map<String, Object> body);

    @POST
    @Path("/accounts/{id}/holds/void")
    Response voidHold(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") UUID accountId);

    @GET
    @Path("/holds/{id}")
    Response hold(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID holdId);

    @POST
    @Path("/holds/{id}/capture")
    Response capture(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") UUID holdId);

    @POST
    @Path("/holds/{id}/release")
    Response release(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") UUID holdId);

    @POST
    @Path("/accounts/{id}/earn")
    Response earn(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") UUID accountId, Map<String, Object> body);

    @POST
    @Path("/accounts/{id}/spend")
    Response spend(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") UUID accountId, Map<String, Object> body);

    @POST
    @Path("/entries/{id}/reversal")
    Response reverse(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(BUSINESS_REFERENCE) String reference, @PathParam("id") long entryId);
}
