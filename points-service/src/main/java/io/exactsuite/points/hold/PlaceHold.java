package io.exactsuite.points.hold;

import io.exactsuite.points.ledger.PointsChange;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Hold {@code points} for {@code ttlSeconds} (1 second to 7 days). */
public record PlaceHold(
        @NotNull @Positive @Max(PointsChange.MAX_POINTS) Long points,
        @NotNull @Min(1) @Max(MAX_TTL_SECONDS) Integer ttlSeconds,
        @Size(max = 500) String reason) {

    public static final long MAX_TTL_SECONDS = 7 * 24 * 3600;
}
