package io.exactsuite.voting.contest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record ContestView(UUID id, String name, Instant opensAt, Instant closesAt, BigDecimal pricePerVote,
        String currency, List<ContestantView> contestants) {

    @RegisterForReflection
    public record ContestantView(UUID id, String name) {
    }

    public static ContestView of(Contest contest) {
        return new ContestView(contest.id, contest.name, contest.opensAt, contest.closesAt, contest.price().amount(),
                contest.currency, contest.contestants.stream().map(c -> new ContestantView(c.id, c.name)).toList());
    }
}
