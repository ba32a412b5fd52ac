package io.exactsuite.common.payment;

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

/**
 * payment-service's API as its owning services call it; the base URL is {@code quarkus.rest-client.payment.url}.
 * Package-private: callers go through {@link PaymentClient}, which adds the policy and the token.
 */
@RegisterRestClient(configKey = "payment")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PaymentHttp {

    @POST
    @Path("/payments")
    Response create(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            Map<String, Object> body);

    @GET
    @Path("/payments/{id}")
    Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID paymentId);

    @POST
    @Path("/payments/{id}/cancel")
    Response cancel(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") UUID paymentId);

    @POST
    @Path("/payments/{id}/refunds")
    Response refund(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") UUID paymentId, Map<String, Object> body);

    @POST
    @Path("/payments/{reference}/verify")
    Response verify(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String key,
            @PathParam("reference") String reference);
}
