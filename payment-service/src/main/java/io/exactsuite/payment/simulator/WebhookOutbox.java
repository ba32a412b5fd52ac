package io.exactsuite.payment.simulator;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.ids.RandomCodes;
import io.exactsuite.payment.gateway.GatewayCharge;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;

/** The simulator's queue of webhooks to send, shaped by the chaos switches at the moment of the event. */
final class WebhookOutbox {

    private WebhookOutbox() {
    }

    static void enqueue(EntityManager em, String type, String chargeId, GatewayCharge charge) {
        Chaos chaos = Chaos.current();
        if (chaos.loseWebhooks) {
            return;
        }
        String eventId = "evt_" + RandomCodes.crockford(20);
        Instant now = DbTime.now();
        String payload = "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"created\":" + now.getEpochSecond()
                + ",\"data\":{\"chargeId\":\"" + chargeId + "\",\"status\":\"" + charge.status() + "\"}}";
        em.createNativeQuery("""
                INSERT INTO sim_webhook (event_id, payload, deliver_after, copies, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, eventId)
                .setParameter(2, payload)
                .setParameter(3, Timestamp.from(now.plusMillis(chaos.webhookDelayMs)))
                .setParameter(4, chaos.duplicateWebhooks)
                .setParameter(5, Timestamp.from(now))
                .executeUpdate();
    }
}
