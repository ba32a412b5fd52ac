package io.exactsuite.payment.payment;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.PaymentGateway;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Owner services (group {@code service}) and admins create and cancel payments; a user reads their own
 * and verifies their own checkout. A user cancels an order at order-service, never its payment here.
 */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class PaymentResource {

    @Inject
    Caller caller;

    @Inject
    PaymentService payments;
    @Inject
    PaymentGateway gateway;
    @Inject
    Idempotency idempotency;

    /** The gateway charge is created first, with no transaction open; the payment row commits after it. */
    @POST
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "201", description = "Payment created, PENDING; send the payer to checkoutUrl",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "200", description = "A payment for this purpose already existed: that one")
    @APIResponse(responseCode = "400", description = "validation_failed (purposeId not a UUID, amount, currency)")
    @APIResponse(responseCode = "409", description = "payment_exists: same purpose, other payer or amount")
    @APIResponse(responseCode = "422", description = "currency_not_accepted")
    @APIResponse(responseCode = "502", description = "gateway_rejected; nothing was created")
    @APIResponse(responseCode = "503", description = "gateway_unavailable; nothing was created")
    public Response create(@Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull CreatePayment body) {
        caller.requireAdminOr(body.purpose().owner());
        Idempotency.validate(idempotencyKey);
        PaymentService.Request request = payments.validate(body);
        Optional<GatewayCharge> charge = payments.chargeFor(request);
        return idempotency.execute(idempotencyKey, body, () -> {
            PaymentService.Created created = payments.record(request, charge);
            PaymentView view = PaymentView.of(created.payment());
            return created.isNew() ? Outcome.created(view, "/payments/" + view.id()) : Outcome.ok(view);
        });
    }

    @GET
    @Path("/{id}")
    public PaymentView get(@PathParam("id") UUID id) {
        return PaymentView.of(payments.find(id));
    }

    /**
     * Asks the gateway for the charge and applies its answer once. Any number of calls, concurrent or
     * racing the webhook, make at most one transition.
     */
    @POST
    @Path("/{reference}/verify")
    @APIResponse(responseCode = "200", description = "The payment after applying the gateway's view",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    public Response verify(@PathParam("reference") String reference,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String chargeId = payments.findByReference(reference).gatewayChargeId;
        GatewayCharge charge = gateway.fetchCharge(chargeId);
        return idempotency.execute(idempotencyKey, null,
                () -> Outcome.ok(PaymentView.of(payments.applyVerified(reference, charge))));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "200", description = "CANCELLED",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "409", description = "illegal_transition: not PENDING")
    public Response cancel(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        caller.requireAdminOr(payments.find(id).purpose.owner());
        return idempotency.execute(idempotencyKey, null, () -> Outcome.ok(PaymentView.of(payments.cancel(id))));
    }
}
