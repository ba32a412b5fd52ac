package io.exactsuite.payment.gateway;

import java.util.Locale;

/** A refund as the gateway sees it: money is returned only when it says SUCCEEDED. */
public enum RefundOutcome {
    PENDING,
    SUCCEEDED,
    FAILED;

    public static RefundOutcome fromWire(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "success", "succeeded" -> SUCCEEDED;
            case "failed", "refused", "canceled", "cancelled" -> FAILED;
            default -> PENDING;
        };
    }
}
