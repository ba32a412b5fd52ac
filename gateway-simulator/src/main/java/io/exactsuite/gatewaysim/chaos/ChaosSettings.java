package io.exactsuite.gatewaysim.chaos;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.exactsuite.gatewaysim.api.ApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * The misbehaviour switches, exactly as on the wire. Boxed types so that a missing field is seen
 * (every field is required on PUT) instead of silently becoming 0 or false.
 */
@RegisterForReflection
@JsonPropertyOrder({ "duplicateWebhooks", "webhookDelayMs", "loseWebhooks", "reverseOrder", "declineAll", "apiDelayMs",
        "failThenSucceed", "failThenSucceedDelayMs", "refunds", "refundPendingMs" })
public record ChaosSettings(
        Integer duplicateWebhooks,
        Integer webhookDelayMs,
        Boolean loseWebhooks,
        Boolean reverseOrder,
        Boolean declineAll,
        Integer apiDelayMs,
        Boolean failThenSucceed,
        Integer failThenSucceedDelayMs,
        String refunds,
        Integer refundPendingMs) {

    public static ChaosSettings calm() {
        return new ChaosSettings(1, 0, false, false, false, 0, false, 1000, RefundMode.SUCCEED.wire(), 1000);
    }

    public RefundMode refundMode() {
        return RefundMode.fromWire(refunds);
    }

    /** Every field present and in range, or one 400 {@code chaos_invalid} naming every offending field. */
    public ChaosSettings validated() {
        List<String> wrong = new ArrayList<>();
        range(wrong, "duplicateWebhooks", duplicateWebhooks, 1, 10);
        range(wrong, "webhookDelayMs", webhookDelayMs, 0, 600_000);
        present(wrong, "loseWebhooks", loseWebhooks);
        present(wrong, "reverseOrder", reverseOrder);
        present(wrong, "declineAll", declineAll);
        range(wrong, "apiDelayMs", apiDelayMs, 0, 60_000);
        present(wrong, "failThenSucceed", failThenSucceed);
        range(wrong, "failThenSucceedDelayMs", failThenSucceedDelayMs, 0, 600_000);
        if (refundMode() == null) {
            wrong.add("refunds (one of succeed, refuse, pending)");
        }
        range(wrong, "refundPendingMs", refundPendingMs, 0, 600_000);
        if (!wrong.isEmpty()) {
            throw ApiException.badRequest("chaos_invalid", "Missing or out of range: " + String.join(", ", wrong));
        }
        return this;
    }

    private static void range(List<String> wrong, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            wrong.add(field + " (" + min + ".." + max + ")");
        }
    }

    private static void present(List<String> wrong, String field, Boolean value) {
        if (value == null) {
            wrong.add(field + " (true or false)");
        }
    }
}
