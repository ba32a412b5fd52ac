package io.exactsuite.payment.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;

/**
 * A Stripe/Paystack-style gateway API (the gateway simulator speaks exactly this): create a charge,
 * fetch it, refund it, fetch a refund. Replies are read as raw responses so a 4xx is decoded by its
 * problem {@code code}, never by its status alone.
 */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface HttpGatewayApi {

    @POST
    @Path("/charges")
    Response createCharge(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, NewCharge charge);

    @GET
    @Path("/charges/{id}")
    Response fetchCharge(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @POST
    @Path("/refunds")
    Response refund(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, NewRefund refund);

    @GET
    @Path("/refunds/{id}")
    Response fetchRefund(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @RegisterForReflection
    record NewCharge(String reference, BigDecimal amount, String currency) {
    }

    /** Tolerant of fields we do not use: the gateway may add some at any time. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChargeBody(String id, String status, BigDecimal amount, String currency, String checkoutUrl) {
    }

    @RegisterForReflection
    record NewRefund(String charge, BigDecimal amount, String currency) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundBody(String id, String status, String failureReason) {
    }
}
