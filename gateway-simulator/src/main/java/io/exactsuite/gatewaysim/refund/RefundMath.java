package io.exactsuite.gatewaysim.refund;

import java.math.BigDecimal;
import java.util.List;

/** Refund arithmetic, pure so it can be tested on its own. All BigDecimal: no rounding ever happens. */
public final class RefundMath {

    private RefundMath() {
    }

    /** One refund as the arithmetic sees it. */
    public record Line(BigDecimal amount, RefundStatus status) {
    }

    /** What may still be refunded: the charge minus every refund that is not failed (pending ones count). */
    public static BigDecimal refundable(BigDecimal charged, List<Line> refunds) {
        BigDecimal spoken = refunds.stream()
                .filter(line -> line.status() != RefundStatus.FAILED)
                .map(Line::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return charged.subtract(spoken);
    }

    /** What has actually been given back: succeeded refunds only (the charge's refundedAmount). */
    public static BigDecimal refunded(List<Line> refunds) {
        return refunds.stream()
                .filter(line -> line.status() == RefundStatus.SUCCEEDED)
                .map(Line::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
