package io.exactsuite.order.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Any subset; capacity may not drop below what is reserved and sold. */
public record UpdateProduct(@Size(min = 1, max = 255) String name, BigDecimal price,
        @Min(0) @Max(1_000_000) Integer capacity) {
}
