package io.exactsuite.payment.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code amount} is a JSON string such as "12.50"; its decimals must fit the currency. {@code purposeId}
 * is the UUID of the owner's object (an order, a vote purchase): events about this payment go to that
 * object's URL at the owner, built from configuration and the UUID, never from caller text.
 */
public record CreatePayment(
        @NotNull Purpose purpose,
        @NotBlank @Size(max = 36) String purposeId,
        @NotBlank @Size(max = 255) String payerId,
        @NotNull BigDecimal amount,
        @NotBlank @Size(max = 3) String currency) {
}
