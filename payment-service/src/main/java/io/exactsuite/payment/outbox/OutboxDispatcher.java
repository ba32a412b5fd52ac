package io.exactsuite.payment.outbox;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.JsonPoster;
import io.exactsuite.payment.PaymentConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Delivers outbox events to their owners. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and held
 * locked while they are sent, so any number of replicas can dispatch at once without sending a row
 * twice; an event is eligible only once every earlier event of its payment is delivered, which keeps
 * each payment's events in order. Failures back off exponentially with jitter, then dead-letter.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    @Inject
    EntityManager em;
    @Inject
    PaymentConfig config;

    @Scheduled(every = "${payment.outbox.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchOnSchedule() {
        while (dispatchDue() == config.outbox().batchSize()) {
            // a full batch: more may be due
        }
    }

    /** Sends one batch of due events; returns how many were attempted. */
    public int dispatchDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxEvent> due = em.createNativeQuery("""
                    SELECT e.* FROM outbox_event e
                    WHERE e.status = 'PENDING' AND e.next_attempt_at <= now()
                      AND NOT EXISTS (SELECT 1 FROM outbox_event earlier
                                      WHERE earlier.payment_id = e.payment_id AND earlier.seq < e.seq
                                        AND earlier.status <> 'DELIVERED')
                    ORDER BY e.id
                    LIMIT ?1
                    FOR UPDATE OF e SKIP LOCKED""", OutboxEvent.class)
                    .setParameter(1, config.outbox().batchSize())
                    .getResultList();
            for (OutboxEvent event : due) {
                deliver(event);
            }
            return due.size();
        });
    }

    private void deliver(OutboxEvent event) {
        JsonPoster.Outcome outcome = JsonPoster.post(event.targetUrl, event.payload, Map.of(
                "Authorization", "Bearer " + config.owners().serviceToken(),
                "Idempotency-Key", event.idempotencyKey()), config.outbox().deliveryTimeout());
        event.attempts++;
        if (outcome.delivered()) {
            event.status = OutboxStatus.DELIVERED;
            event.deliveredAt = DbTime.now();
            event.lastError = null;
            return;
        }
        event.lastError = outcome.error();
        if (event.attempts >= config.outbox().maxAttempts()) {
            event.status = OutboxStatus.DEAD;
            LOG.errorf("Outbox event %d (%s) dead-lettered after %d attempts: %s", event.id, event.idempotencyKey(),
                    event.attempts, event.lastError);
        } else {
            event.nextAttemptAt = DbTime.now().plus(backoff(event.attempts));
        }
    }

    /** initial × 2^(attempt-1), capped, then scaled by a random factor in [0.5, 1) so retries spread out. */
    Duration backoff(int attempt) {
        long initial = config.outbox().initialBackoff().toMillis();
        long capped = Math.min(config.outbox().maxBackoff().toMillis(), initial << Math.min(attempt - 1, 30));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, capped / 2)));
    }

    /** A dead letter back to PENDING, due now, with a fresh attempt budget. */
    @Transactional
    public OutboxEvent retry(long id) {
        OutboxEvent event = OutboxEvent.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (event == null) {
            throw ApiException.notFound("Outbox event " + id);
        }
        if (event.status != OutboxStatus.DEAD) {
            throw ApiException.conflict("outbox_event_not_dead", "Outbox event " + id + " is " + event.status
                    + "; only DEAD events are retried by hand");
        }
        event.status = OutboxStatus.PENDING;
        event.attempts = 0;
        event.nextAttemptAt = DbTime.now();
        return event;
    }
}
