package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.gatewaysim.refund.RefundMath;
import io.exactsuite.gatewaysim.refund.RefundMath.Line;
import io.exactsuite.gatewaysim.refund.RefundStatus;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefundMathTests {

    private static Line line(String amount, RefundStatus status) {
        return new Line(new BigDecimal(amount), status);
    }

    @Test
    void nothing_refunded_leaves_the_whole_charge() {
        assertThat(RefundMath.refundable(new BigDecimal("12.50"), List.of())).isEqualByComparingTo("12.50");
        assertThat(RefundMath.refunded(List.of())).isEqualByComparingTo("0");
    }

    @Test
    void failed_refunds_do_not_count_pending_ones_do() {
        List<Line> refunds = List.of(
                line("2.50", RefundStatus.SUCCEEDED),
                line("5.00", RefundStatus.FAILED),
                line("1.25", RefundStatus.PENDING));

        assertThat(RefundMath.refundable(new BigDecimal("12.50"), refunds)).isEqualByComparingTo("8.75");
        assertThat(RefundMath.refunded(refunds)).isEqualByComparingTo("2.50");
    }

    @Test
    void exact_decimal_arithmetic_no_binary_rounding() {
        List<Line> tenCents = List.of(line("0.10", RefundStatus.SUCCEEDED), line("0.10", RefundStatus.SUCCEEDED),
                line("0.10", RefundStatus.SUCCEEDED));
        assertThat(RefundMath.refundable(new BigDecimal("0.30"), tenCents)).isEqualByComparingTo("0");
        assertThat(RefundMath.refunded(tenCents)).isEqualByComparingTo("0.30");
    }

    @Test
    void only_failed_refunds_leave_everything_refundable() {
        List<Line> refused = List.of(line("12.50", RefundStatus.FAILED), line("12.50", RefundStatus.FAILED));
        assertThat(RefundMath.refundable(new BigDecimal("12.50"), refused)).isEqualByComparingTo("12.50");
        assertThat(RefundMath.refunded(refused)).isEqualByComparingTo("0");
    }
}
