package io.exactsuite.payment.simulator;

import io.exactsuite.payment.JsonPoster;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.webhook.WebhookSignature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends the simulator's webhooks as a gateway does: signed, retried until acknowledged (at most
 * {@value #MAX_ATTEMPTS} times), duplicated, delayed or reordered when the chaos switches say so.
 */
@ApplicationScoped
public class WebhookSender {

    static final int MAX_ATTEMPTS = 20;

    @Inject
    EntityManager em;
    @Inject
    PaymentConfig config;
    @Inject
    SimulatedGateway simulator;

    @Scheduled(every = "${payment.simulator.send-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendOnSchedule() {
        if ("simulated".equals(config.gateway().kind())) {
            sendDue();
        }
    }

    public void sendDue() {
        QuarkusTransaction.requiringNew().run(() -> {
            boolean newestFirst = Chaos.current().reverseOrder;
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("SELECT id, payload, copies, attempts FROM sim_webhook "
                    + "WHERE deliver_after <= now() ORDER BY id " + (newestFirst ? "DESC" : "ASC")
                    + " LIMIT 50 FOR UPDATE SKIP LOCKED").getResultList();
            for (Object[] row : due) {
                send(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).intValue(),
                        ((Number) row[3]).intValue());
            }
        });
    }

    private void send(long id, String payload, int copies, int attempts) {
        boolean acknowledged = false;
        for (int copy = 0; copy < copies; copy++) {
            String signature = WebhookSignature.sign(config.webhook().secrets().get(0), Instant.now().getEpochSecond(),
                    payload.getBytes(StandardCharsets.UTF_8));
            acknowledged |= JsonPoster.post(simulator.webhookUrl(), payload, Map.of(WebhookSignature.HEADER, signature),
                    Duration.ofSeconds(5)).delivered();
        }
        if (acknowledged || attempts + 1 >= MAX_ATTEMPTS) {
            em.createNativeQuery("DELETE FROM sim_webhook WHERE id = ?1").setParameter(1, id).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE sim_webhook SET attempts = attempts + 1, copies = 1, "
                    + "deliver_after = now() + interval '1 second' WHERE id = ?1").setParameter(1, id).executeUpdate();
        }
    }
}
