package io.exactsuite.payment.refund;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

@RegisterForReflection
public record RefundView(UUID id, UUID paymentId, BigDecimal amount, String currency, RefundStatus status,
        String gatewayRefundId, String failureReason, int attempts, String lastError, Instant createdAt,
        Instant executedAt) {

    public static RefundView of(Refund refund, String currency) {
        BigDecimal amount = refund.amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(),
                RoundingMode.UNNECESSARY);
        return new RefundView(refund.id, refund.paymentId, amount, currency, refund.status, refund.gatewayRefundId,
                refund.failureReason, refund.attempts, refund.lastError, refund.createdAt, refund.executedAt);
    }
}
