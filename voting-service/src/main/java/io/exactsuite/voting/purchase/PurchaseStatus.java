package io.exactsuite.voting.purchase;

/** PENDING_PAYMENT → CREDITED (votes counted) | FAILED; CREDITED → REFUNDED (votes withdrawn). */
public enum PurchaseStatus {
    PENDING_PAYMENT,
    CREDITED,
    FAILED,
    REFUNDED
}
