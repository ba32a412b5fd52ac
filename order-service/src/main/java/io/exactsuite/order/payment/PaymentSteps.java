package io.exactsuite.order.payment;

import io.exactsuite.common.client.Reply;
import io.exactsuite.common.client.Upstream;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.mutant.Mutants;
import io.exactsuite.common.payment.PaymentClient;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The order's side of payment-service: owns each step's Idempotency-Key, makes the call, and reads the
 * answer by its problem {@code code} into a {@link PaymentResult}. Anything it cannot read as a result
 * throws: 503 {@code dependency_unavailable} when payment-service is down, 502 otherwise.
 */
@ApplicationScoped
public class PaymentSteps {

    private static final String SERVICE = "payment-service";

    @Inject
    PaymentClient payments;
    @Inject
    Mutants mutants;

    public PaymentResult.Created create(UUID orderId, String payerId, Money amount) {
        Reply payment = Upstream.reach(SERVICE, () -> payments.create(key(orderId, "payment"), "ORDER", orderId.toString(), payerId,
                amount));
        if (!payment.ok()) {
            throw new ApiException(502, "payment_rejected", "Bad gateway",
                    "payment-service refused the payment: " + payment.code());
        }
        return new PaymentResult.Created(UUID.fromString(payment.text("id")), payment.text("reference"),
                payment.text("checkoutUrl"));
    }

    /** Cancelled, or AlreadySettled when payment-service says the payment is past pending ({@code illegal_transition}). */
    public PaymentResult cancel(UUID orderId, UUID paymentId) {
        Reply cancelled = Upstream.reach(SERVICE, () -> payments.cancel(key(orderId, "payment-cancel"), paymentId));
        if (cancelled.ok()) {
            return new PaymentResult.Cancelled();
        }
        if ("illegal_transition".equals(cancelled.code())) {
            return new PaymentResult.AlreadySettled();
        }
        throw refused(cancelled);
    }

    /**
     * Refunds what payment-service says is still refundable, and says so. {@code refund_exceeds_captured}
     * means part was refunded elsewhere: the rest is refunded now, under a key naming that rest.
     * {@code payment_not_refundable} is checked against the payment's real status: already REFUNDED is
     * done, anything else is RefundRefused.
     */
    public PaymentResult refund(UUID orderId, UUID paymentId, Money amount) {
        Reply refunded = Upstream.reach(SERVICE, () -> payments.refund(key(orderId, "refund"), paymentId, amount));
        if (refunded.ok() || any409IsSuccess(refunded)) {
            return new PaymentResult.Refunded(null);
        }
        switch (refunded.code()) {
            case "refund_exceeds_captured" -> {
                Money rest = Money.ofColumns(new BigDecimal(refunded.text("refundable")), amount.currencyCode());
                if (!rest.isPositive()) {
                    return new PaymentResult.Refunded("the payment had already been refunded in full at payment-service");
                }
                Reply restRefunded = Upstream.reach(SERVICE, () -> payments.refund(
                        key(orderId, "refund-rest:" + rest.amount().toPlainString()), paymentId, rest));
                if (!restRefunded.ok()) {
                    throw refused(restRefunded);
                }
                return new PaymentResult.Refunded("refunded the remaining " + rest + "; " + amount.minus(rest)
                        + " had already been refunded at payment-service");
            }
            case "payment_not_refundable" -> {
                String status = status(paymentId);
                return "REFUNDED".equals(status)
                        ? new PaymentResult.Refunded("the payment had already been refunded in full at payment-service")
                        : new PaymentResult.RefundRefused(status);
            }
            default -> throw refused(refunded);
        }
    }

    /**
     * MUTANT {@value Mutants#ANY_409_IS_SUCCESS} (see {@link Mutants}): every 409 to a refund counts as refunded,
     * the old bug: after a partial refund made directly at payment-service, {@code refund_exceeds_captured} is
     * taken as done and the rest is never refunded.
     */
    private boolean any409IsSuccess(Reply refunded) {
        return refunded.status() == 409 && mutants.active(Mutants.ANY_409_IS_SUCCESS);
    }

    /** The payment's status as payment-service sees it now (PENDING, SUCCEEDED, FAILED, CANCELLED, ...). */
    public String status(UUID paymentId) {
        Reply payment = Upstream.reach(SERVICE, () -> payments.get(paymentId));
        if (!payment.ok()) {
            throw refused(payment);
        }
        return payment.text("status");
    }

    private static ApiException refused(Reply reply) {
        return new ApiException(502, "dependency_refused", "Bad gateway",
                SERVICE + " refused a step of this order (" + reply.status() + " " + reply.code() + ")");
    }

    private static String key(UUID orderId, String step) {
        return "order:" + orderId + ":" + step;
    }
}
