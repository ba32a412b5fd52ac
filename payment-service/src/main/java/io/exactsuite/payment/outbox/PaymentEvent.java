package io.exactsuite.payment.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exactsuite.payment.payment.PaymentStatus;
import io.exactsuite.payment.payment.Purpose;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.UUID;

/** The body POSTed to {@code /orders/{id}/payment-events} or {@code /purchases/{id}/payment-events}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentEvent(UUID paymentId, String eventId, PaymentStatus status, BigDecimal amount, String currency,
        BigDecimal refundedAmount, Purpose purpose, String purposeId, String reference, Boolean succeededAfterCancel) {
}
