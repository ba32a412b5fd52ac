package io.exactsuite.order.order;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.ratelimit.RateLimits;
import io.exactsuite.common.db.Paging;
import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class OrderResource {

    @Inject
    RateLimits rateLimits;

    @Inject
    Checkout checkout;
    @Inject
    Orders orders;
    @Inject
    OrderChanges changes;
    @Inject
    PaymentOutcomes outcomes;
    @Inject
    Idempotency idempotency;
    @Inject
    Caller caller;

    @POST
    @APIResponse(responseCode = "201", description = "All lines reserved; pay at checkoutUrl before expiresAt",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "sold_out (names product and date), insufficient_points")
    @APIResponse(responseCode = "422", description = "currency_mismatch, unknown_product, points_exceed_total")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "dependency_unavailable, with Retry-After; nothing reserved")
    public Response place(@Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PlaceOrder body) {
        rateLimits.admit("checkout", caller);
        return idempotency.executeInSteps(idempotencyKey, body, () -> {
            OrderView order = checkout.place(body, idempotencyKey);
            return Outcome.created(order, "/orders/" + order.id());
        });
    }

    @GET
    @Path("/{id}")
    public OrderView get(@PathParam("id") UUID id) {
        return OrderView.of(orders.find(id));
    }

    @GET
    public List<OrderView> mine(@QueryParam("status") OrderStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return orders.mine(status, page, size).stream().map(OrderView::of).toList();
    }

    @POST
    @Path("/{id}/cancel")
    @APIResponse(responseCode = "200", description = "The order, CANCELLED (a replay answers what the first request did)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "illegal_transition, order_busy (another change is in flight)")
    @APIResponse(responseCode = "503", description = "dependency_unavailable: the cancel is recorded and completes on its own")
    public Response cancel(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.executeInSteps(idempotencyKey, null, () -> Outcome.ok(changes.cancel(id, request(idempotencyKey))));
    }

    @POST
    @Path("/{id}/refund")
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "200", description = "The order, REFUNDED (a replay answers what the first request did)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "illegal_transition, order_busy, payment_not_refundable")
    @APIResponse(responseCode = "503", description = "dependency_unavailable: the refund is recorded and completes on its own")
    public Response refund(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        rateLimits.admit("refund", caller);
        return idempotency.executeInSteps(idempotencyKey, null, () -> Outcome.ok(changes.refund(id, request(idempotencyKey))));
    }

    @POST
    @Path("/{id}/fulfil")
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "200", description = "The order, FULFILLED (a replay answers what the first request did)",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "illegal_transition, order_busy")
    public Response fulfil(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.execute(idempotencyKey, null, () -> Outcome.ok(changes.fulfil(id)));
    }

    /**
     * payment-service's outbox delivers here. The event's id makes a delivery a duplicate (recorded once,
     * applied once), so the answer is the order as it is now, not a replay of the first answer.
     */
    @POST
    @Path("/{id}/payment-events")
    @RolesAllowed({ SERVICE, ADMIN })
    @APIResponse(responseCode = "200", description = "The order after the event",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Response paymentEvent(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PaymentEvent body) {
        caller.requireAdminOr(Caller.PAYMENT_SERVICE);
        Idempotency.validate(idempotencyKey);
        return Response.ok(outcomes.receive(id, body)).build();
    }

    /** Names a client's request across its retries: the key is the caller's own, so the caller is part of it. */
    private String request(String idempotencyKey) {
        return caller.id() + " " + idempotencyKey;
    }
}
