package io.exactsuite.order.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code capacity} counts undated stock; a {@code dated} product gets its capacity per day through
 * {@code PUT /products/{id}/dates/{date}}.
 */
public record CreateProduct(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String sku,
        @NotNull ProductKind kind,
        @NotBlank @Size(max = 255) String name,
        @NotNull BigDecimal price,
        @NotBlank String currency,
        @NotNull @Min(0) @Max(1_000_000) Integer capacity,
        Boolean dated) {
}
