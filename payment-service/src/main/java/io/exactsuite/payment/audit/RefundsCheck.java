package io.exactsuite.payment.audit;

import io.exactsuite.common.metrics.CountingAuditCheck;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every payment's refunded amount is the sum of its refunds the gateway confirmed, its refunding amount the sum of
 * those still pending, and together they never exceed what was captured ({@link PaymentAudit}, row by row).
 */
@ApplicationScoped
public class RefundsCheck extends CountingAuditCheck {

    public RefundsCheck() {
        super("payment-refunds", """
                SELECT count(*) FROM payment p
                LEFT JOIN (SELECT payment_id,
                                  coalesce(sum(amount) FILTER (WHERE status = 'SUCCEEDED'), 0) AS succeeded,
                                  coalesce(sum(amount) FILTER (WHERE status = 'PENDING'), 0) AS pending
                           FROM refund GROUP BY payment_id) r ON r.payment_id = p.id
                WHERE p.refunded_amount <> coalesce(r.succeeded, 0)
                   OR p.refunding_amount <> coalesce(r.pending, 0)
                   OR p.refunded_amount + p.refunding_amount > p.amount""");
    }
}
