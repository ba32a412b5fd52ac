package io.exactsuite.gatewaysim.charge;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/charges} body. The amount is a decimal string, never a JSON number. */
@RegisterForReflection
public record CreateCharge(
        @Schema(examples = "pay_01HZX3") String reference,
        @Schema(examples = "12.50") String amount,
        @Schema(examples = "USD") String currency) {
}
