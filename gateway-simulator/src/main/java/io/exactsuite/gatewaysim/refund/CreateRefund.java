package io.exactsuite.gatewaysim.refund;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/refunds} body: which charge, how much (a decimal string) and in which currency. */
@RegisterForReflection
public record CreateRefund(
        @Schema(examples = "ch_0123456789abcdefghijklmn") String charge,
        @Schema(examples = "2.50") String amount,
        @Schema(examples = "USD") String currency) {
}
