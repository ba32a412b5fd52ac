package io.exactsuite.voting.purchase;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The Idempotency-Keys voting-service sends to payment-service. Derived from the purchase, so any retry of a
 * step, by the client's policy, the voter or the late-refund job, books its effect once.
 */
final class PaymentKeys {

    /** What payment-service records a vote purchase's payment for. */
    static final String PURPOSE = "VOTES";

    private PaymentKeys() {
    }

    static String payment(UUID purchaseId) {
        return "purchase:" + purchaseId + ":payment";
    }

    /** Verify is idempotent at payment-service; a fresh key per verify lets it ask the gateway again. */
    static String verify(UUID purchaseId) {
        return "purchase:" + purchaseId + ":verify:" + UUID.randomUUID();
    }

    static String lateRefund(UUID purchaseId) {
        return "purchase:" + purchaseId + ":late-refund";
    }

    /** What is left after {@code gone} was refunded or is being refunded: one key per such amount. */
    static String lateRefundOfRest(UUID purchaseId, BigDecimal gone) {
        return "purchase:" + purchaseId + ":late-refund:rest-after:" + gone.toPlainString();
    }
}
