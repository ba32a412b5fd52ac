package io.exactsuite.voting.purchase;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record BuyVotes(@NotNull UUID contestantId, @NotNull @Min(1) @Max(10_000) Integer votes) {
}
