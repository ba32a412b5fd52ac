package io.exactsuite.payment.refund;

/**
 * PENDING: booked against the payment (it counts against what can be refunded) and not yet confirmed;
 * SUCCEEDED: the gateway confirmed it, and only then is it announced; FAILED: the gateway refused it,
 * the money stays captured, the owner hears REFUND_FAILED. Never retried once FAILED.
 */
public enum RefundStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
