package io.exactsuite.order.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Up to 20 lines; points are optional and need the customer's points account. */
public record PlaceOrder(
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Line> lines,
        UUID pointsAccountId,
        @Min(0) @Max(1_000_000_000) Long pointsToRedeem) {

    /** Undated products take neither date nor stay; dated ones take a {@code date} or a [checkIn, checkOut) stay. */
    public record Line(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(100) Integer quantity,
            LocalDate date,
            LocalDate checkIn,
            LocalDate checkOut) {
    }
}
