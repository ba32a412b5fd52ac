package io.exactsuite.gatewaysim.charge;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A charge on the wire; amounts are strings at the currency's scale ("12.50", "0.00"). */
@RegisterForReflection
@JsonPropertyOrder({ "id", "reference", "status", "amount", "currency", "refundedAmount", "checkoutUrl" })
public record ChargeView(
        String id,
        String reference,
        String status,
        String amount,
        String currency,
        String refundedAmount,
        String checkoutUrl) {
}
