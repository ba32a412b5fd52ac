package io.exactsuite.common.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What payment-service's outbox sends to the service owning a payment, one event per change, in order
 * per payment. {@code status} says what happened; {@code refundedAmount} is the total the gateway has
 * confirmed refunded so far; {@code refundId}/{@code refundAmount} name the refund a refund event is
 * about. {@code succeededAfterFailure} marks a success the gateway reported after the payment had
 * failed or been cancelled: the money moved, and the owner keeps or refunds it by its own rules.
 */
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
        Boolean succeededAfterFailure,
        UUID refundId,
        BigDecimal refundAmount) {

    public enum Status {
        SUCCEEDED,
        FAILED,
        /** A refund the gateway confirmed, leaving part of the amount captured. */
        PARTIALLY_REFUNDED,
        /** A refund the gateway confirmed, leaving nothing captured. */
        REFUNDED,
        /** The gateway refused a refund: the money stays captured. */
        REFUND_FAILED
    }
}
