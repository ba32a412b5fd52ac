package io.exactsuite.order.payment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a step at payment-service came to, in the order's words. Recorded as JSON in the order's step
 * journal, so the type names are part of the stored format.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PaymentResult.Cancelled.class, name = "Cancelled"),
        @JsonSubTypes.Type(value = PaymentResult.AlreadySettled.class, name = "AlreadySettled"),
        @JsonSubTypes.Type(value = PaymentResult.Refunded.class, name = "Refunded"),
        @JsonSubTypes.Type(value = PaymentResult.RefundRefused.class, name = "RefundRefused") })
@RegisterForReflection(targets = { PaymentResult.Cancelled.class, PaymentResult.AlreadySettled.class,
        PaymentResult.Refunded.class, PaymentResult.RefundRefused.class })
public sealed interface PaymentResult {

    /** The pending payment is cancelled: the payer can no longer pay it. */
    record Cancelled() implements PaymentResult {
    }

    /**
     * The payment was no longer pending (it succeeded or failed meanwhile); its event says which, and a
     * success is then handled as a late payment.
     */
    record AlreadySettled() implements PaymentResult {
    }

    /** The refund is booked (payment-service confirms it by event); {@code note} says when it was not simply the whole amount. */
    record Refunded(String note) implements PaymentResult {
    }

    /** payment-service will not refund: the payment is {@code status}. */
    record RefundRefused(String status) implements PaymentResult {
    }

    /** A new payment, as the customer will pay it. */
    record Created(java.util.UUID id, String reference, String checkoutUrl) {
    }
}
