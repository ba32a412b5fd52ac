package io.exactsuite.payment.payment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code refundedAmount}: confirmed by the gateway; {@code refundingAmount}: booked, not yet confirmed. */
@RegisterForReflection
public record PaymentView(UUID id, String reference, PaymentStatus status, Purpose purpose, String purposeId,
        String payerId, BigDecimal amount, BigDecimal refundedAmount, BigDecimal refundingAmount, String currency,
        String checkoutUrl, boolean succeededAfterFailure, Instant createdAt, Instant updatedAt) {

    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.id, payment.reference, payment.status, payment.purpose, payment.purposeId,
                payment.payerId, payment.money().amount(), payment.refunded().amount(), payment.refunding().amount(),
                payment.currency, payment.checkoutUrl, payment.succeededAfterFailure, payment.createdAt, payment.updatedAt);
    }
}
