package io.exactsuite.voting.contest;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
public class ContestService {

    @Inject
    PaymentLimits paymentLimits;

    @Transactional
    public Contest create(CreateContest request) {
        if (!request.closesAt().isAfter(request.opensAt())) {
            throw ApiException.invalidField("closesAt", "must be after opensAt");
        }
        Money price = Money.parse(request.pricePerVote(), request.currency(), "pricePerVote");
        if (!price.isPositive()) {
            throw ApiException.invalidField("pricePerVote", "must be greater than 0");
        }
        PaymentLimits.requirePayable(paymentLimits, price, "pricePerVote");
        Contest contest = new Contest();
        contest.id = UUID.randomUUID();
        contest.name = request.name();
        contest.opensAt = request.opensAt();
        contest.closesAt = request.closesAt();
        contest.pricePerVote = price.amount();
        contest.currency = price.currencyCode();
        contest.createdAt = DbTime.now();
        contest.persist();
        for (int i = 0; i < request.contestants().size(); i++) {
            Contestant contestant = new Contestant();
            contestant.id = UUID.randomUUID();
            contestant.contest = contest;
            contestant.name = request.contestants().get(i).name();
            contestant.position = i + 1;
            contestant.persist();
            contest.contestants.add(contestant);
        }
        return contest;
    }

    public Contest find(UUID id) {
        Contest contest = Contest.findById(id);
        if (contest == null) {
            throw ApiException.notFound("Contest " + id);
        }
        return contest;
    }
}
