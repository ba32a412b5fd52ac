package io.exactsuite.payment.refund;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.ratelimit.RateLimits;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.payment.payment.Payment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/payments/{id}/refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundResource {

    @Inject
    RateLimits rateLimits;
    @Inject
    Caller caller;

    @Inject
    RefundService refunds;
    @Inject
    Idempotency idempotency;

    /** Books the refund (201, PENDING) and executes it at the gateway right after the booking commits. */
    @POST
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "201", description = "Refund booked; SUCCEEDED once the gateway confirms",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "409", description = "refund_exceeds_captured or payment_not_refundable")
    public Response refund(@PathParam("id") UUID paymentId,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull RefundRequest body) {
        rateLimits.admit("refund", caller);
        Payment owned = Payment.findById(paymentId);
        if (owned != null) {
            caller.requireAdminOr(owned.purpose.owner());
        }
        UUID[] booked = new UUID[1];
        Response response = idempotency.execute(idempotencyKey, body, () -> {
            Refund refund = refunds.book(paymentId, body);
            booked[0] = refund.id;
            Payment payment = Payment.findById(paymentId);
            return Outcome.created(RefundView.of(refund, payment.currency), "/payments/" + paymentId + "/refunds");
        });
        if (booked[0] != null) {
            refunds.execute(booked[0]);
        }
        return response;
    }

    @GET
    @RolesAllowed({ USER, SERVICE, ADMIN })
    public List<RefundView> list(@PathParam("id") UUID paymentId) {
        List<Refund> all = refunds.forPayment(paymentId);
        String currency = Payment.<Payment>findById(paymentId).currency;
        return all.stream().map(refund -> RefundView.of(refund, currency)).toList();
    }
}
