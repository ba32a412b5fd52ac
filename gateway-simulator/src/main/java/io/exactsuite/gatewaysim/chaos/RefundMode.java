package io.exactsuite.gatewaysim.chaos;

/** How new refunds end: at once, refused, or pending for {@code refundPendingMs} and then succeeded. */
public enum RefundMode {
    SUCCEED("succeed"),
    REFUSE("refuse"),
    PENDING("pending");

    private final String wire;

    RefundMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static RefundMode fromWire(String value) {
        for (RefundMode mode : values()) {
            if (mode.wire.equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
