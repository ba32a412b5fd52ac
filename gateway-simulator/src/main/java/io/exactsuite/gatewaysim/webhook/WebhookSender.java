package io.exactsuite.gatewaysim.webhook;

import io.exactsuite.gatewaysim.SimulatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due webhooks as a gateway does: signed, retried every {@code simulator.webhook-retry} until a 2xx,
 * at most {@code simulator.webhook-max-attempts} rounds, each first round duplicated when chaos says so.
 * A round runs every {@value #EVERY_MS} ms (Quarkus' scheduler does not go below 1 s), never on a request
 * thread: the due webhooks are grouped by charge, up to {@code simulator.webhook-concurrency} charges are
 * sent to at once, and each charge's webhooks go one after another in their order. A charge still being sent
 * to is left for a later round, so a delivery is only ever touched by one task at a time, and one slow
 * receiver answer holds up its own charge's webhooks, not everyone's.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final long EVERY_MS = 150;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    WebhookOutbox outbox;
    @Inject
    SimulatorConfig config;

    private ScheduledExecutorService rounds;
    private ExecutorService sends;
    /** Charges whose webhooks a send task holds: only that task touches their deliveries. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent started) {
        rounds = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "simulator-webhooks"));
        AtomicInteger senders = new AtomicInteger();
        sends = Executors.newFixedThreadPool(Math.max(1, config.webhookConcurrency()),
                task -> daemon(task, "simulator-webhook-send-" + senders.incrementAndGet()));
        rounds.scheduleWithFixedDelay(this::sendDue, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (rounds != null) {
            rounds.shutdownNow();
            sends.shutdownNow();
        }
    }

    void sendDue() {
        try {
            Map<String, List<Delivery>> byCharge = new LinkedHashMap<>();
            for (Delivery delivery : outbox.due(Instant.now())) {
                byCharge.computeIfAbsent(delivery.chargeId, charge -> new ArrayList<>()).add(delivery);
            }
            byCharge.forEach((charge, deliveries) -> {
                if (sending.add(charge)) { // a charge already being sent to waits for the next round
                    sends.execute(() -> {
                        try {
                            deliveries.forEach(this::send);
                        } catch (RuntimeException e) {
                            LOG.error("Sending webhooks of " + charge + " failed; trying again on a later round", e);
                        } finally {
                            sending.remove(charge);
                        }
                    });
                }
            });
        } catch (RuntimeException e) {
            // A thrown exception would cancel the fixed-delay schedule for good.
            LOG.error("Sending webhooks failed; trying again on the next run", e);
        }
    }

    private void send(Delivery delivery) {
        boolean acknowledged = false;
        for (int copy = 0; copy < delivery.copies; copy++) {
            acknowledged |= post(delivery);
        }
        delivery.attempts++;
        if (acknowledged) {
            outbox.done(delivery);
        } else if (delivery.attempts >= config.webhookMaxAttempts()) {
            LOG.warnf("Webhook %s (%s) given up after %d attempts", delivery.eventId, delivery.type, delivery.attempts);
            outbox.done(delivery);
        } else {
            // Duplicates are a first-send effect; retries send one copy.
            delivery.copies = 1;
            delivery.dueAt = Instant.now().plus(config.webhookRetry());
        }
    }

    private boolean post(Delivery delivery) {
        String signature = WebhookSignature.header(config.webhookSecret(), Instant.now().getEpochSecond(), delivery.body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.webhookUrl()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.debugf("Webhook %s answered %d", delivery.eventId, status);
            }
            return status / 100 == 2;
        } catch (IOException e) {
            LOG.debugf("Webhook %s not delivered: %s", delivery.eventId, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
