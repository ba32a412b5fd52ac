package io.exactsuite.gatewaysim.refund;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A refund on the wire; {@code failureReason} is always present, null unless failed. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "charge", "amount", "currency", "status", "failureReason" })
public record RefundView(
        String id,
        String charge,
        String amount,
        String currency,
        String status,
        String failureReason) {
}
