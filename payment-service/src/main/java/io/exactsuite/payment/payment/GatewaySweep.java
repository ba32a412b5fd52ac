package io.exactsuite.payment.payment;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.PaymentGateway;
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
 * Webhooks get lost. A payment the gateway could still report paid (PENDING, or CANCELLED/FAILED here while
 * the payer could still pay) is asked about at the gateway {@code after} its creation or its last change, then
 * less and less often as it ages (every quarter of its age, at least {@code again}) until the horizon, after
 * which only a change makes it due again (an owner may cancel a payment long after it was created, while the
 * payer had paid and the webhook was lost). {@code check_due_at} holds the next question. The answer goes
 * through the same reconcile as a webhook's, so a success is applied once and announced to its owner through
 * the outbox. Safe on any number of replicas: each round claims its payments with {@code FOR UPDATE SKIP
 * LOCKED} and stamps them in one short transaction, and asks the gateway with no transaction open.
 */
@ApplicationScoped
public class GatewaySweep {

    private static final Logger LOG = Logger.getLogger(GatewaySweep.class);

    @Inject
    EntityManager em;
    @Inject
    PaymentService payments;
    @Inject
    PaymentGateway gateway;
    @Inject
    PaymentConfig config;
    @Inject
    MeterRegistry metrics;

    @Scheduled(every = "${payment.sweep.every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        sweep();
    }

    /** One round; returns how many payments the gateway's answer changed. */
    public int sweep() {
        int changed = 0;
        for (Object[] due : claim()) {
            UUID id = (UUID) due[0];
            String chargeId = (String) due[1];
            String before = (String) due[2];
            try {
                GatewayCharge charge = gateway.fetchCharge(chargeId);
                String after = QuarkusTransaction.requiringNew().call(() ->
                        payments.applyFromGateway(charge).map(payment -> payment.status.name()).orElse(before));
                if (!after.equals(before)) {
                    changed++;
                    metrics.counter("payments.sweep.changes", "from", before, "to", after).increment();
                    LOG.warnf("Charge %s: no webhook came, the gateway says %s; payment %s → %s", chargeId, charge.status(),
                            before, after);
                }
            } catch (ApiException e) {
                askAgainLater(id);
                LOG.infof("Charge %s not swept this round: %s", chargeId, e.getMessage());
            }
        }
        return changed;
    }

    /**
     * Due payments, stamped with their next question: every quarter of their age (at least {@code again}) while
     * younger than the horizon, none after it. A change (cancel, failure) makes a payment due again.
     */
    private List<Object[]> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE payment p SET check_due_at = CASE
                            WHEN p.created_at > now() - ?1 * interval '1 millisecond'
                            THEN now() + greatest(?2 * interval '1 millisecond', (now() - p.created_at) / 4) END
                    FROM (SELECT id FROM payment
                          WHERE check_due_at <= now()
                          ORDER BY check_due_at
                          LIMIT ?3
                          FOR UPDATE SKIP LOCKED) due
                    WHERE p.id = due.id
                    RETURNING p.id, p.gateway_charge_id, p.status""")
                    .setParameter(1, config.sweep().horizon().toMillis())
                    .setParameter(2, config.sweep().again().toMillis())
                    .setParameter(3, config.sweep().batchSize())
                    .getResultList();
            return rows;
        });
    }

    /** The gateway did not answer: asked again after {@code again} at the latest, even past the horizon. */
    private void askAgainLater(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE payment SET check_due_at = least(coalesce(check_due_at, 'infinity'), now() + ?1 * interval '1 millisecond')
                WHERE id = ?2""").setParameter(1, config.sweep().again().toMillis()).setParameter(2, id).executeUpdate());
    }
}
