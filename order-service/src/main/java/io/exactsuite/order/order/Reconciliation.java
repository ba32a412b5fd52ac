package io.exactsuite.order.order;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.order.OrdersConfig;
import io.exactsuite.order.payment.PaymentSteps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Asks payment-service for the truth about orders whose payment outcome was never heard although it
 * matters: cancelled or expired orders with a payment, and unpaid orders past their expiry. A payment
 * that succeeded there (its event dead-lettered, or still on its way) is applied here as a late payment:
 * honoured if the stock is still there, refunded otherwise. Safe on any number of replicas: each round
 * claims its orders with {@code FOR UPDATE SKIP LOCKED} and stamps them, in one short transaction, and
 * asks payment-service with no transaction open.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    @Inject
    EntityManager em;
    @Inject
    OrdersConfig config;
    @Inject
    PaymentOutcomes outcomes;
    @Inject
    PaymentSteps payments;
    @Inject
    MeterRegistry metrics;

    @Scheduled(every = "${orders.reconciliation.every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        reconcileDue(100);
    }

    /** One round; returns how many orders it repaired. */
    public int reconcileDue(int limit) {
        int repaired = 0;
        for (Object[] order : claim(limit)) {
            UUID orderId = (UUID) order[0];
            UUID paymentId = (UUID) order[1];
            try {
                if ("SUCCEEDED".equals(payments.status(paymentId))) {
                    OrderView after = outcomes.receiveReconciledSuccess(orderId, paymentId);
                    metrics.counter("orders.reconciliation.repairs", "outcome",
                            after.transition() != null ? "in-flight" : after.status() == OrderStatus.PAID ? "honoured" : "refunded")
                            .increment();
                    LOG.warnf("Reconciled order %s: payment %s had succeeded unheard; the order is now %s (%s)",
                            orderId, paymentId, after.status(), after.note());
                    repaired++;
                }
            } catch (ApiException e) {
                LOG.warnf("Order %s not reconciled this round: %s", orderId, e.getMessage());
            }
        }
        return repaired;
    }

    /** Orders to ask about, stamped so that no other replica (or the next round, too soon) asks again. */
    private List<Object[]> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE customer_order o SET reconciled_at = now()
                    FROM (SELECT c.id FROM customer_order c
                          WHERE c.payment_id IS NOT NULL
                            AND (c.status IN ('CANCELLED', 'EXPIRED')
                                 OR (c.status = 'PENDING_PAYMENT' AND c.expires_at < now()))
                            AND c.updated_at <= now() - make_interval(secs => ?1)
                            AND c.updated_at > now() - make_interval(secs => ?2)
                            AND (c.reconciled_at IS NULL OR c.reconciled_at <= now() - make_interval(secs => ?1))
                            AND NOT EXISTS (SELECT 1 FROM payment_event e
                                            WHERE e.order_id = c.id AND e.status IN ('SUCCEEDED', 'FAILED'))
                          ORDER BY c.updated_at
                          LIMIT ?3
                          FOR UPDATE SKIP LOCKED) due
                    WHERE o.id = due.id
                    RETURNING o.id, o.payment_id""")
                    .setParameter(1, (double) config.reconciliation().after().toSeconds())
                    .setParameter(2, (double) config.reconciliation().horizon().toSeconds())
                    .setParameter(3, limit)
                    .getResultList();
            return rows;
        });
    }
}
