package io.exactsuite.gatewaysim.refund;

/** Refund statuses as on the wire. A failed refund gives its amount back to the charge's refundable amount. */
public enum RefundStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
