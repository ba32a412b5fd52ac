package io.exactsuite.voting.purchase;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.Paging;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.client.Reply;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

@Path("/purchases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class PurchaseResource {

    @Inject
    Caller caller;

    private static final Logger LOG = Logger.getLogger(PurchaseResource.class);

    @Inject
    PurchaseService purchases;
    @Inject
    Idempotency idempotency;
    @Inject
    LateRefunds lateRefunds;

    @GET
    @Path("/{id}")
    public PurchaseView get(@PathParam("id") UUID id) {
        return PurchaseView.of(purchases.find(id));
    }

    @GET
        public List<PurchaseView> mine(@QueryParam("contest") UUID contestId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return purchases.mine(contestId, page, size).stream().map(PurchaseView::of).toList();
    }

    /** The voter back from checkout. */
    @POST
    @Path("/{id}/verify")
    @APIResponse(responseCode = "200", description = "The purchase after asking payment-service",
            content = @Content(schema = @Schema(implementation = PurchaseView.class)))
    public Response verify(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        Idempotency.validate(idempotencyKey);
        Optional<Reply> verified = purchases.askPaymentService(id); // no transaction open during the call
        boolean[] late = new boolean[1];
        Response response = idempotency.execute(idempotencyKey, null, () -> {
            PurchaseView purchase = PurchaseView.of(purchases.applyVerified(id, verified));
            late[0] = purchase.status() == PurchaseStatus.LATE_REFUND_DUE;
            return Outcome.ok(purchase);
        });
        return refundIfLate(id, late[0], response);
    }

    /** payment-service's outbox delivers here (Idempotency-Key payment:{id}:event:{seq}). */
    @POST
    @Path("/{id}/payment-events")
    @RolesAllowed({ SERVICE, ADMIN })
    public Response paymentEvent(@PathParam("id") UUID id,
            @Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PaymentEvent body) {
        caller.requireAdminOr(Caller.PAYMENT_SERVICE);
        boolean[] late = new boolean[1];
        Response response = idempotency.execute(idempotencyKey, body, () -> {
            PurchaseView purchase = PurchaseView.of(purchases.applyPaymentEvent(id, body));
            late[0] = purchase.status() == PurchaseStatus.LATE_REFUND_DUE;
            return Outcome.ok(purchase);
        });
        return refundIfLate(id, late[0], response);
    }

    /**
     * A success that came after the payment deadline was committed as LATE_REFUND_DUE; the refund is asked for
     * now, with that transaction closed (a replayed answer leaves it to the job). Whatever
     * payment-service answers, the response stays what was committed; the late-refund job takes over if needed.
     */
    private Response refundIfLate(UUID id, boolean late, Response response) {
        if (late) {
            try {
                lateRefunds.attempt(id);
            } catch (RuntimeException e) {
                LOG.warnf("Late refund of purchase %s left to the job: %s", id, e.toString());
            }
        }
        return response;
    }
}
