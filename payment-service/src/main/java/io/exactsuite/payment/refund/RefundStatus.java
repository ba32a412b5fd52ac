package io.exactsuite.payment.refund;

/** PENDING: booked against the payment, not yet confirmed by the gateway. */
public enum RefundStatus {
    PENDING,
    SUCCEEDED
}
