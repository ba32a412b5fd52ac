package io.exactsuite.payment.refund;

import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** {@code amount} is a JSON string in the payment's currency, e.g. "10.00". */
public record RefundRequest(@NotNull BigDecimal amount) {
}
