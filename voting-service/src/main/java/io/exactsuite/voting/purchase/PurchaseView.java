package io.exactsuite.voting.purchase;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exactsuite.common.money.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurchaseView(UUID id, UUID contestId, UUID contestantId, String voterId, PurchaseStatus status, int votes,
        int votesWithdrawn, BigDecimal amount, String currency, UUID paymentId, String paymentReference, String checkoutUrl,
        String refundNote, Instant createdAt, Instant updatedAt) {

    public static PurchaseView of(VotePurchase purchase) {
        BigDecimal amount = Money.ofColumns(purchase.amount, purchase.currency).amount();
        return new PurchaseView(purchase.id, purchase.contestId, purchase.contestantId, purchase.voterId,
                purchase.status, purchase.votes, purchase.votesWithdrawn, amount, purchase.currency, purchase.paymentId,
                purchase.paymentReference, purchase.checkoutUrl, purchase.refundNote, purchase.createdAt, purchase.updatedAt);
    }
}
