package io.exactsuite.payment.gateway;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A Stripe/Paystack-style gateway API: create a charge, fetch it, refund it. */
@RegisterRestClient(configKey = "gateway-api")
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface HttpGatewayApi {

    @POST
    @Path("/charges")
    ChargeBody createCharge(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, NewCharge charge);

    @GET
    @Path("/charges/{id}")
    ChargeBody fetchCharge(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @POST
    @Path("/refunds")
    RefundBody refund(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, NewRefund refund);

    @RegisterForReflection
    record NewCharge(String reference, BigDecimal amount, String currency) {
    }

    @RegisterForReflection
    record ChargeBody(String id, String status, BigDecimal amount, String currency, String checkoutUrl) {
    }

    @RegisterForReflection
    record NewRefund(String charge, BigDecimal amount, String currency) {
    }

    @RegisterForReflection
    record RefundBody(String id, String status) {
    }
}
