package io.exactsuite.voting.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** kept = floor((amount − refunded) / (amount / votes)), exactly; no fully paid vote lost, no refunded one kept. */
class RefundRuleTests {

    private static int kept(String amount, int votes, String refunded) {
        return RefundRule.votesKept(new BigDecimal(amount), votes, new BigDecimal(refunded));
    }

    @Test
    void shouldKeepEveryVoteWhenNothingIsRefunded() {
        assertThat(kept("1.00", 10, "0")).isEqualTo(10);
        assertThat(kept("1.00", 10, "0.00")).isEqualTo(10);
    }

    @Test
    void shouldWithdrawTheVoteWhosePriceIsRefundedByOneMinorUnit() {
        assertThat(kept("1.00", 10, "0.01")).isEqualTo(9);
        assertThat(kept("0.30", 3, "0.01")).isEqualTo(2);
        assertThat(RefundRule.votesWithdrawn(new BigDecimal("1.00"), 10, new BigDecimal("0.01"))).isEqualTo(1);
    }

    @Test
    void shouldWithdrawExactlyOneVoteForExactlyOneVotesPrice() {
        assertThat(kept("1.00", 10, "0.10")).isEqualTo(9);
        assertThat(kept("0.30", 3, "0.10")).isEqualTo(2);
        assertThat(kept("0.30", 3, "0.11")).isEqualTo(1);
        assertThat(kept("5.00", 10, "1.20")).as("3.80 pays for 7 votes at 0.50").isEqualTo(7);
    }

    @Test
    void shouldWithdrawEverythingForAFullRefund() {
        assertThat(kept("1.00", 10, "1.00")).isZero();
        assertThat(kept("0.30", 3, "0.30")).isZero();
        assertThat(kept("1.00", 10, "0.99")).as("one cent left pays for no whole vote").isZero();
    }

    @Test
    void shouldCountInWholeYenForAZeroDecimalCurrency() {
        assertThat(kept("70", 10, "1")).isEqualTo(9);
        assertThat(kept("70", 10, "7")).isEqualTo(9);
        assertThat(kept("70", 10, "8")).isEqualTo(8);
        assertThat(kept("70000", 10_000, "6")).isEqualTo(9_999);
        assertThat(kept("70000", 10_000, "70000")).isZero();
    }

    @Test
    void shouldIgnoreScaleDifferences() {
        assertThat(kept("1.000", 10, "0.1")).isEqualTo(9); // NUMERIC(20,3) column against a JSON "0.1"
    }

    @Test
    void shouldBeMonotonicInTheRefundedAmount() {
        int previous = 100;
        for (int cents = 0; cents <= 300; cents++) {
            int kept = RefundRule.votesKept(new BigDecimal("3.00"), 100, BigDecimal.valueOf(cents, 2));
            assertThat(kept).isLessThanOrEqualTo(previous);
            // every kept vote is fully paid for, and no more than one vote's price is left unused
            assertThat(BigDecimal.valueOf(kept).multiply(new BigDecimal("0.03")))
                    .isLessThanOrEqualTo(new BigDecimal("3.00").subtract(BigDecimal.valueOf(cents, 2)));
            assertThat(BigDecimal.valueOf(kept + 1).multiply(new BigDecimal("0.03")))
                    .isGreaterThan(new BigDecimal("3.00").subtract(BigDecimal.valueOf(cents, 2)));
            previous = kept;
        }
    }

    @Test
    void shouldRefuseRefundsOutsideTheAmount() {
        assertThatThrownBy(() -> kept("1.00", 10, "1.01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kept("1.00", 10, "-0.01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundRule.votesKept(new BigDecimal("1.00"), 10, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
