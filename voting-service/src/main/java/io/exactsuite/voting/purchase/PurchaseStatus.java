package io.exactsuite.voting.purchase;

/**
 * PENDING_PAYMENT → CREDITED (votes counted) | FAILED (nothing counted; a later success in time still credits).
 * CREDITED → PARTIALLY_REFUNDED (some votes withdrawn) → REFUNDED (all withdrawn). A refund learned before the
 * success → REFUNDED, never credited. A success learned after the payment deadline → LATE_REFUND_DUE (nothing
 * credited; the refund is asked for) → LATE_REFUND_REQUESTED (payment-service booked it) → REFUNDED once the
 * gateway confirmed; LATE_REFUND_FAILED when no automatic way is left (an operator looks at refund_note).
 */
public enum PurchaseStatus {
    PENDING_PAYMENT,
    CREDITED,
    FAILED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    LATE_REFUND_DUE,
    LATE_REFUND_REQUESTED,
    LATE_REFUND_FAILED;

    /** Not (yet) credited and nothing decided against crediting: a success in time still credits. */
    public boolean awaitsSuccess() {
        return this == PENDING_PAYMENT || this == FAILED;
    }

    public boolean isLateRefund() {
        return this == LATE_REFUND_DUE || this == LATE_REFUND_REQUESTED || this == LATE_REFUND_FAILED;
    }
}
