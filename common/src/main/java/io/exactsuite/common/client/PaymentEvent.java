package io.exactsuite.common.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** What payment-service's outbox sends to the service owning a payment; the fields after {@code status} are informative. */
public record PaymentEvent(
        @NotNull UUID paymentId,
        @NotBlank @Size(max = 255) String eventId,
        @NotNull Status status,
        BigDecimal amount,
        String currency,
        BigDecimal refundedAmount,
        String purpose,
        String purposeId,
        String reference,
        Boolean succeededAfterCancel) {

    public enum Status {
        SUCCEEDED,
        FAILED,
        REFUNDED
    }
}
