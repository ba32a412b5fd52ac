package io.exactsuite.payment.outbox;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.retry.Backoff;
import io.exactsuite.common.tracing.TraceParent;
import io.exactsuite.payment.PaymentConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers outbox events to their owners in three steps, none of which holds a transaction across a
 * call. <b>Claim</b>: one short transaction takes due rows with {@code FOR UPDATE SKIP LOCKED}, counts
 * the attempt and pushes {@code next_attempt_at} a lease ahead, so no other replica takes them while
 * they are in flight, and a dispatcher that dies mid-delivery only delays them by the lease.
 * <b>Deliver</b>: in parallel, bounded per replica; a row is claimable only when every earlier event of
 * its payment is delivered, so each payment's events still go one at a time and in order.
 * <b>Record</b>: each outcome in its own short transaction. Anything that goes wrong with one event
 * (a bad URL, a refused connection, a timeout) is that event's failed attempt alone: it backs off, and
 * after {@code max-attempts} it is DEAD, counted, and still retried every {@code dead-retry-every}.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    @Inject
    EntityManager em;
    @Inject
    PaymentConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    Tracer tracer;

    private ExecutorService deliveries;
    /** Runs a dispatch as soon as an event commits; null when the schedule is off (tests dispatch by hand). */
    private ExecutorService waker;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private Counter delivered;
    private Counter failedAttempts;
    private Counter deadLettered;
    private final AtomicLong deadNow = new AtomicLong();
    private final AtomicLong undeliveredNow = new AtomicLong();
    private final AtomicLong oldestUndeliveredSeconds = new AtomicLong();

    /** A row this dispatcher holds under lease, with the attempt number its claim counted. */
    public record Claimed(long id, UUID paymentId, int seq, String targetUrl, String payload, int attempt, boolean dead,
            String traceParent) {
        String idempotencyKey() {
            return "payment:" + paymentId + ":event:" + seq;
        }
    }

    void start(@Observes StartupEvent started) {
        if (config.outbox().lease().compareTo(config.outbox().deliveryTimeout()) <= 0) {
            throw new IllegalStateException("payment.outbox.lease (" + config.outbox().lease()
                    + ") must be longer than payment.outbox.delivery-timeout (" + config.outbox().deliveryTimeout() + ")");
        }
        AtomicInteger threads = new AtomicInteger();
        deliveries = Executors.newFixedThreadPool(Math.max(1, config.outbox().concurrency()), task -> {
            Thread thread = new Thread(task, "outbox-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (!"off".equalsIgnoreCase(config.outbox().dispatchEvery().trim())) {
            waker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "outbox-wake");
                thread.setDaemon(true);
                return thread;
            });
        }
        delivered = metrics.counter("payment.outbox.delivered");
        failedAttempts = metrics.counter("payment.outbox.failed.attempts");
        deadLettered = metrics.counter("payment.outbox.dead.lettered");
        metrics.gauge("payment.outbox.dead", deadNow);
        metrics.gauge("payment.outbox.undelivered", undeliveredNow);
        metrics.gauge("payment.outbox.oldest.undelivered.seconds", oldestUndeliveredSeconds);
    }

    @PreDestroy
    void stop() {
        if (deliveries != null) {
            deliveries.shutdownNow();
        }
        if (waker != null) {
            waker.shutdownNow();
        }
    }

    @Scheduled(every = "${payment.outbox.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchOnSchedule() {
        dispatchUntilNoFullBatch();
    }

    /**
     * Called once an event has committed on this replica: a dispatch runs now rather than at the next scheduled run,
     * so a delivery does not wait up to {@code dispatch-every}. Only a hint: the claim's SKIP LOCKED still decides who
     * delivers, and the schedule still finds every due event (another replica's, a retry's).
     */
    public void wake() {
        if (waker != null && wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false); // an event committed from here on queues the next run
                try {
                    dispatchUntilNoFullBatch();
                } catch (RuntimeException e) {
                    LOG.warn("Outbox dispatch on wake failed; the scheduled run picks the events up", e);
                }
            });
        }
    }

    private void dispatchUntilNoFullBatch() {
        while (dispatchDue() == config.outbox().batchSize()) {
            // a full batch: more may be due
        }
    }

    /** Claims one batch of due events, delivers them in parallel and records every outcome; returns how many. */
    public int dispatchDue() {
        List<Claimed> claimed = claim(config.outbox().batchSize());
        List<Future<?>> inFlight = new ArrayList<>(claimed.size());
        for (Claimed event : claimed) {
            inFlight.add(deliveries.submit(() -> deliverAndRecord(event)));
        }
        for (Future<?> delivery : inFlight) {
            try {
                delivery.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "Outbox delivery task failed; its lease will expire and it is claimed again");
            }
        }
        refreshGauges();
        return claimed.size();
    }

    /**
     * Step 1: one short transaction; the attempt counts from here, so a dispatcher that dies still used one.
     * Public so a test can play a dispatcher that claims and then dies.
     */
    public List<Claimed> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE outbox_event o SET attempts = o.attempts + 1,
                           next_attempt_at = now() + ?1 * interval '1 millisecond'
                    FROM (SELECT e.id FROM outbox_event e
                          WHERE e.status IN ('PENDING', 'DEAD') AND e.next_attempt_at <= now()
                            AND NOT EXISTS (SELECT 1 FROM outbox_event earlier
                                            WHERE earlier.payment_id = e.payment_id AND earlier.seq < e.seq
                                              AND earlier.status <> 'DELIVERED')
                          ORDER BY e.next_attempt_at, e.id
                          LIMIT ?2
                          FOR UPDATE OF e SKIP LOCKED) due
                    WHERE o.id = due.id
                    RETURNING o.id, o.payment_id, o.seq, o.target_url, o.payload, o.attempts, o.status, o.trace_parent""")
                    .setParameter(1, config.outbox().lease().toMillis())
                    .setParameter(2, limit)
                    .getResultList();
            return rows.stream().map(row -> new Claimed(((Number) row[0]).longValue(), (UUID) row[1],
                    ((Number) row[2]).intValue(), (String) row[3], (String) row[4], ((Number) row[5]).intValue(),
                    "DEAD".equals(row[6]), (String) row[7])).toList();
        });
    }

    /**
     * Steps 2 and 3, with no transaction open during the call. The delivery is a span of the trace that created the
     * payment, and carries that trace to the owner in the traceparent header (the JDK client is not instrumented).
     */
    private void deliverAndRecord(Claimed event) {
        JsonPoster.Outcome outcome;
        Span span = tracer.spanBuilder("outbox delivery").setParent(TraceParent.parentOf(event.traceParent()))
                .setSpanKind(SpanKind.PRODUCER).setAttribute("outbox.event.id", event.id())
                .setAttribute("outbox.attempt", event.attempt()).setAttribute("payment.id", event.paymentId().toString())
                .startSpan();
        try (Scope current = span.makeCurrent()) {
            Map<String, String> headers = new HashMap<>(TraceParent.headers());
            headers.put("Authorization", "Bearer " + config.owners().serviceToken());
            headers.put("Idempotency-Key", event.idempotencyKey());
            outcome = JsonPoster.post(event.targetUrl(), event.payload(), headers, config.outbox().deliveryTimeout());
        } catch (RuntimeException e) {
            outcome = new JsonPoster.Outcome(-1, e.toString());
        }
        if (!outcome.delivered()) {
            span.setStatus(StatusCode.ERROR, outcome.error() == null ? "not delivered" : outcome.error());
        }
        span.end();
        try {
            record(event, outcome);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the outcome of outbox event %d; it is claimed again after its lease", event.id());
        }
    }

    private void record(Claimed event, JsonPoster.Outcome outcome) {
        if (outcome.delivered()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE outbox_event SET status = 'DELIVERED', delivered_at = now(), last_error = NULL, dead_at = NULL
                    WHERE id = ?1 AND status <> 'DELIVERED'""").setParameter(1, event.id()).executeUpdate());
            delivered.increment();
            return;
        }
        failedAttempts.increment();
        String error = abbreviate(outcome.error());
        boolean deadNow = !event.dead() && event.attempt() >= config.outbox().maxAttempts();
        Duration wait = event.dead() || deadNow ? config.outbox().deadRetryEvery() : backoff().after(event.attempt());
        int changed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE outbox_event SET last_error = ?1, next_attempt_at = now() + ?2 * interval '1 millisecond',
                       status = CASE WHEN ?3 THEN 'DEAD' ELSE status END,
                       dead_at = CASE WHEN ?3 THEN now() ELSE dead_at END
                WHERE id = ?4 AND attempts = ?5 AND status <> 'DELIVERED'""")
                .setParameter(1, error)
                .setParameter(2, wait.toMillis())
                .setParameter(3, deadNow)
                .setParameter(4, event.id())
                .setParameter(5, event.attempt())
                .executeUpdate());
        if (deadNow && changed == 1) {
            deadLettered.increment();
            LOG.errorf("Outbox event %d (%s) dead-lettered after %d attempts, retried every %s: %s", event.id(),
                    event.idempotencyKey(), event.attempt(), config.outbox().deadRetryEvery(), error);
        }
    }

    private Backoff backoff() {
        return new Backoff(config.outbox().initialBackoff(), config.outbox().maxBackoff());
    }

    void refreshGauges() {
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                    SELECT count(*) FILTER (WHERE status = 'DEAD'), count(*),
                           coalesce(extract(epoch FROM now() - min(created_at)), 0)
                    FROM outbox_event WHERE status <> 'DELIVERED'""").getSingleResult();
            deadNow.set(((Number) row[0]).longValue());
            undeliveredNow.set(((Number) row[1]).longValue());
            oldestUndeliveredSeconds.set(((Number) row[2]).longValue());
        });
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
        event.deadAt = null;
        event.nextAttemptAt = DbTime.now();
        return event;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
