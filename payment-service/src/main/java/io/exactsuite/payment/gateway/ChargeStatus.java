package io.exactsuite.payment.gateway;

import java.util.Locale;

/** A charge as the gateway sees it. Only an explicit failure is FAILED: an abandoned checkout can still be paid. */
public enum ChargeStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    /** The gateway's wire word: {@code success}/{@code succeeded}, {@code failed}/{@code declined}; anything else waits. */
    public static ChargeStatus fromWire(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "success", "succeeded", "paid" -> SUCCEEDED;
            case "failed", "declined" -> FAILED;
            default -> PENDING; // pending, abandoned, processing, ... are not outcomes
        };
    }
}
