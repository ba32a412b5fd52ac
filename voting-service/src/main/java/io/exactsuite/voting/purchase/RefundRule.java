package io.exactsuite.voting.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Which of a purchase's votes a partial refund leaves standing. A vote is kept only if its whole price is
 * still paid: {@code kept = floor((amount − refundedAmount) / pricePerVote)} with {@code pricePerVote =
 * amount / votes}, computed as {@code floor((amount − refundedAmount) × votes / amount)} so no division is
 * ever rounded. No fully paid vote is lost; no vote whose price was refunded, even in part, is kept.
 */
public final class RefundRule {

    private RefundRule() {
    }

    /**
     * @param amount what the purchase cost (positive)
     * @param votes the votes it bought (positive)
     * @param refundedAmount the total refunded so far (cumulative), between 0 and {@code amount}
     * @return the votes that stay credited, between 0 and {@code votes}
     */
    public static int votesKept(BigDecimal amount, int votes, BigDecimal refundedAmount) {
        if (amount == null || amount.signum() <= 0 || votes <= 0) {
            throw new IllegalArgumentException("a purchase has a positive amount and votes");
        }
        if (refundedAmount == null || refundedAmount.signum() < 0 || refundedAmount.compareTo(amount) > 0) {
            throw new IllegalArgumentException("refunded " + refundedAmount + " is not between 0 and " + amount);
        }
        return amount.subtract(refundedAmount).multiply(BigDecimal.valueOf(votes))
                .divide(amount, 0, RoundingMode.FLOOR).intValueExact();
    }

    /** The votes a refund of {@code refundedAmount} in total takes back. */
    public static int votesWithdrawn(BigDecimal amount, int votes, BigDecimal refundedAmount) {
        return votes - votesKept(amount, votes, refundedAmount);
    }
}
