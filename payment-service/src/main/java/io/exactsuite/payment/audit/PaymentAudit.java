package io.exactsuite.payment.audit;

import io.exactsuite.common.money.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The books in one statement, per currency and purpose: what payments captured and gave back, set against
 * the refund rows behind those totals. A checker (or an operator) compares {@code net} with what the
 * owners say stands, and {@code consistent} says the payment columns agree with the refunds booked.
 */
@ApplicationScoped
public class PaymentAudit {

    @Inject
    EntityManager em;

    /** {@code since}: only payments created at or after it (the checker's own, on a shared suite); null for all. */
    public List<Line> lines(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT p.currency, p.purpose, count(*),
                       count(*) FILTER (WHERE p.status = 'PENDING'),
                       coalesce(sum(p.amount) FILTER (WHERE p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')), 0),
                       coalesce(sum(p.refunded_amount), 0),
                       coalesce(sum(p.refunding_amount), 0),
                       coalesce(sum(r.succeeded), 0),
                       coalesce(sum(r.pending), 0)
                FROM payment p
                LEFT JOIN (SELECT payment_id,
                                  sum(amount) FILTER (WHERE status = 'SUCCEEDED') AS succeeded,
                                  sum(amount) FILTER (WHERE status = 'PENDING') AS pending
                           FROM refund GROUP BY payment_id) r ON r.payment_id = p.id
                WHERE p.created_at >= coalesce(CAST(?1 AS timestamptz), '-infinity'::timestamptz)
                GROUP BY p.currency, p.purpose
                ORDER BY p.currency, p.purpose""")
                .setParameter(1, since == null ? null : java.sql.Timestamp.from(since))
                .getResultList();
        return rows.stream().map(Line::of).toList();
    }

    /**
     * {@code net} = captured − refunded: the money the suite keeps for this currency and purpose.
     * {@code refunding}: booked, not yet confirmed by the gateway (0 once the suite is quiet).
     */
    @RegisterForReflection
    public record Line(String currency, String purpose, long payments, long pending, BigDecimal captured,
            BigDecimal refunded, BigDecimal refunding, BigDecimal net, BigDecimal refundsSucceeded,
            BigDecimal refundsPending, boolean consistent) {

        static Line of(Object[] row) {
            String currency = ((String) row[0]).trim();
            BigDecimal captured = atScale(row[4], currency);
            BigDecimal refunded = atScale(row[5], currency);
            BigDecimal refunding = atScale(row[6], currency);
            BigDecimal succeeded = atScale(row[7], currency);
            BigDecimal pendingRefunds = atScale(row[8], currency);
            boolean consistent = refunded.compareTo(succeeded) == 0 && refunding.compareTo(pendingRefunds) == 0
                    && refunded.add(refunding).compareTo(captured) <= 0;
            return new Line(currency, (String) row[1], ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(), captured, refunded, refunding, captured.subtract(refunded), succeeded,
                    pendingRefunds, consistent);
        }

        /** Sums come back at the column's scale; shown at the currency's, as every amount is. */
        private static BigDecimal atScale(Object sum, String currency) {
            return Money.ofColumns((BigDecimal) sum, currency).amount();
        }
    }
}
