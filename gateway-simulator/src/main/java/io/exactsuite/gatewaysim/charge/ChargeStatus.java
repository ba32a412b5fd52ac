package io.exactsuite.gatewaysim.charge;

/** Charge statuses as on the wire. {@code success} and {@code failed} are final for the payer. */
public enum ChargeStatus {
    /** Waiting for the payer. */
    PENDING("pending"),
    /** The payer left; they may still come back and pay. */
    ABANDONED("abandoned"),
    /** Declined. */
    FAILED("failed"),
    /** Captured, exactly once. */
    SUCCESS("success");

    private final String wire;

    ChargeStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean payerCanAct() {
        return this == PENDING || this == ABANDONED;
    }
}
