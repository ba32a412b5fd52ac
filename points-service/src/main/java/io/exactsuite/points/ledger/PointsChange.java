package io.exactsuite.points.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Earn or spend: a whole, positive number of points, at most {@value #MAX_POINTS} at once. */
public record PointsChange(
        @NotNull @Positive @Max(MAX_POINTS) Long points,
        @NotBlank @Size(max = 500) String reason) {

    public static final long MAX_POINTS = 1_000_000_000L;
}
