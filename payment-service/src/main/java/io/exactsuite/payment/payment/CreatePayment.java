package io.exactsuite.payment.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code amount} is a JSON string such as "12.50"; its decimals must fit the currency. */
public record CreatePayment(
        @NotNull Purpose purpose,
        @NotBlank @Size(max = 255) String purposeId,
        @NotBlank @Size(max = 255) String payerId,
        @NotNull BigDecimal amount,
        @NotBlank String currency) {
}
