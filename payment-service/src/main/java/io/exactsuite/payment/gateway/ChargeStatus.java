package io.exactsuite.payment.gateway;

/** A charge as the gateway sees it. */
public enum ChargeStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
