package io.exactsuite.payment.payment;

/**
 * PENDING ends exactly once: SUCCEEDED, FAILED or CANCELLED. A success reported by the gateway after a
 * cancel still becomes SUCCEEDED (flagged), because the money moved; refunds move SUCCEEDED on to
 * PARTIALLY_REFUNDED and REFUNDED.
 */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
