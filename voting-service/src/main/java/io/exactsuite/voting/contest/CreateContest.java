package io.exactsuite.voting.contest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record CreateContest(
        @NotBlank @Size(max = 255) String name,
        @NotNull Instant opensAt,
        @NotNull Instant closesAt,
        @NotNull BigDecimal pricePerVote,
        @NotBlank String currency,
        @NotEmpty @Size(max = 1000) List<@Valid @NotNull NewContestant> contestants) {

    public record NewContestant(@NotBlank @Size(max = 255) String name) {
    }
}
