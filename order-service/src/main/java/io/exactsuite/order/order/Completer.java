package io.exactsuite.order.order;

import io.exactsuite.common.tx.Transactions;
import io.exactsuite.order.OrdersConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Finishes what was left between steps: a change whose driver crashed, timed out or met a dependency that
 * was down (its {@code transition_due_at} passed), and a checkout that never finished (abandoned, so its
 * stock and hold come back). Safe on any number of replicas: each round claims its orders with
 * {@code FOR UPDATE SKIP LOCKED} and pushes their due time one lease ahead in one short commit, then
 * drives each with no transaction open. Every step replays under the keys the first attempt used, so
 * resuming never holds, charges, captures or refunds twice.
 */
@ApplicationScoped
public class Completer {

    private static final Logger LOG = Logger.getLogger(Completer.class);

    @Inject
    EntityManager em;
    @Inject
    OrdersConfig config;
    @Inject
    Transactions transactions;
    @Inject
    OrderSaga saga;
    @Inject
    Checkout checkout;
    @Inject
    MeterRegistry metrics;

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong overdueSeconds = new AtomicLong();

    @PostConstruct
    void registerGauges() {
        metrics.gauge("orders.saga.in.flight", inFlight);
        metrics.gauge("orders.saga.overdue.seconds", overdueSeconds);
    }

    @Scheduled(every = "${orders.saga.completer-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        completeDue(50);
        refreshGauges();
    }

    /** Orders with a change in flight, and how far past its due time the most overdue one is (0 when none is). */
    public void refreshGauges() {
        Object[] row = transactions.inRetryingTransaction(() -> (Object[]) em.createNativeQuery("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(transition_due_at)), 0)
                FROM customer_order WHERE transition IS NOT NULL""").getSingleResult());
        inFlight.set(((Number) row[0]).longValue());
        overdueSeconds.set(Math.max(0, ((Number) row[1]).longValue()));
    }

    /** One round; returns how many orders it brought to rest. */
    public int completeDue(int limit) {
        int completed = 0;
        for (Object[] row : claim(limit)) {
            UUID id = (UUID) row[0];
            Transition transition = Transition.valueOf((String) row[1]);
            try {
                if (transition == Transition.PLACE) {
                    if (!checkout.abandon(id)) {
                        metrics.counter("orders.completer.stalled", "transition", transition.name()).increment();
                        continue; // the hold is still out there; asked again when the order is due next
                    }
                } else {
                    saga.drive(id);
                }
                metrics.counter("orders.completer.completed", "transition", transition.name()).increment();
                completed++;
            } catch (RuntimeException e) {
                metrics.counter("orders.completer.stalled", "transition", transition.name()).increment();
                LOG.warnf("Order %s: %s not completed this round: %s", id, transition, e.getMessage());
            }
        }
        return completed;
    }

    private List<Object[]> claim(int limit) {
        return transactions.inRetryingTransaction(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE customer_order o
                    SET transition_due_at = now() + make_interval(secs => ?1), transition_attempts = o.transition_attempts + 1
                    FROM (SELECT c.id FROM customer_order c
                          WHERE c.transition IS NOT NULL AND c.transition_due_at <= now()
                          ORDER BY c.transition_due_at
                          LIMIT ?2
                          FOR UPDATE SKIP LOCKED) due
                    WHERE o.id = due.id
                    RETURNING o.id, o.transition""")
                    .setParameter(1, (double) config.saga().lease().toSeconds())
                    .setParameter(2, limit)
                    .getResultList();
            return rows;
        });
    }
}
