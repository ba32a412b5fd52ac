package io.exactsuite.payment.payment;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
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
 * LOCKED} and stamps them in one short transaction, and asks the gateway with no transaction open; the next
 * question is only moved past the claim's stamp in the commit that applies the answer.
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
        for (Object[] due : claim(config.sweep().batchSize())) {
            UUID id = (UUID) due[0];
            String chargeId = (String) due[1];
            String before = (String) due[2];
            try {
                GatewayCharge charge = gateway.fetchCharge(chargeId);
                String after = QuarkusTransaction.requiringNew().call(() -> payments.applyFromGateway(charge).map(payment -> {
                    if (payment.status.name().equals(before)) { // a change stamps its own next question
                        payment.checkDueAt = nextQuestion(payment.createdAt, DbTime.now(), config.sweep().again(),
                                config.sweep().horizon());
                    }
                    return payment.status.name();
                }).orElse(before));
                if (!after.equals(before)) {
                    changed++;
                    metrics.counter("payments.sweep.changes", "from", before, "to", after).increment();
                    LOG.warnf("Charge %s: no webhook came, the gateway says %s; payment %s → %s", chargeId, charge.status(),
                            before, after);
                }
            } catch (RuntimeException e) {
                // The gateway or the database failed us: the claim's stamp stands, so it is asked again after `again`.
                LOG.infof("Charge %s (payment %s) not swept this round: %s", chargeId, id, e.toString());
            }
        }
        return changed;
    }

    /**
     * Due payments, each stamped {@code again} ahead: the question is asked again then unless its answer is applied
     * first (which stamps the next one), so a round that dies after its claim loses nothing, however old the payment.
     * Public so a test can play a round that claims and then dies.
     */
    public List<Object[]> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE payment p SET check_due_at = now() + ?1 * interval '1 millisecond'
                    FROM (SELECT id FROM payment
                          WHERE check_due_at <= now()
                          ORDER BY check_due_at
                          LIMIT ?2
                          FOR UPDATE SKIP LOCKED) due
                    WHERE p.id = due.id
                    RETURNING p.id, p.gateway_charge_id, p.status""")
                    .setParameter(1, config.sweep().again().toMillis())
                    .setParameter(2, limit)
                    .getResultList();
            return rows;
        });
    }

    /**
     * When to ask again about a payment whose answer changed nothing: every quarter of its age, at least
     * {@code again} apart, while it is younger than {@code horizon}; after that never (null), unless it changes.
     */
    static Instant nextQuestion(Instant createdAt, Instant now, Duration again, Duration horizon) {
        if (!createdAt.isAfter(now.minus(horizon))) {
            return null;
        }
        Duration quarterOfAge = Duration.between(createdAt, now).dividedBy(4);
        return now.plus(quarterOfAge.compareTo(again) > 0 ? quarterOfAge : again);
    }
}
