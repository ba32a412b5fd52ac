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
import org.jboss.logging.Logger;

/**
 * Webhooks get lost. A payment the gateway could still report paid (PENDING, or CANCELLED/FAILED here while
 * the payer could still pay) and whose webhook has not come is asked about at the gateway, after a grace
 * period and then less and less often as it ages (every quarter of its age, at least {@code again}), until
 * the horizon. The answer goes through the same reconcile as a webhook's, so a success is applied once and
 * announced to its owner through the outbox. Safe on any number of replicas: each round claims its payments
 * with {@code FOR UPDATE SKIP LOCKED} and stamps them in one short transaction, and asks the gateway with
 * no transaction open.
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
            String chargeId = (String) due[0];
            String before = (String) due[1];
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
                LOG.infof("Charge %s not swept this round: %s", chargeId, e.getMessage());
            }
        }
        return changed;
    }

    private List<Object[]> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE payment p SET checked_at = now()
                    FROM (SELECT id FROM payment
                          WHERE status IN ('PENDING', 'CANCELLED', 'FAILED')
                            AND updated_at <= now() - ?1 * interval '1 millisecond'
                            AND created_at > now() - ?2 * interval '1 millisecond'
                            AND (checked_at IS NULL
                                 OR checked_at <= now() - greatest(?3 * interval '1 millisecond', (now() - created_at) / 4))
                          ORDER BY updated_at
                          LIMIT ?4
                          FOR UPDATE SKIP LOCKED) due
                    WHERE p.id = due.id
                    RETURNING p.gateway_charge_id, p.status""")
                    .setParameter(1, config.sweep().after().toMillis())
                    .setParameter(2, config.sweep().horizon().toMillis())
                    .setParameter(3, config.sweep().again().toMillis())
                    .setParameter(4, config.sweep().batchSize())
                    .getResultList();
            return rows;
        });
    }
}
