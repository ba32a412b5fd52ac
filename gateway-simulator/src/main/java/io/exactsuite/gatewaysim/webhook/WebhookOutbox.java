package io.exactsuite.gatewaysim.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.gatewaysim.Ids;
import io.exactsuite.gatewaysim.chaos.Chaos;
import io.exactsuite.gatewaysim.chaos.ChaosSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Webhooks waiting to be sent, in creation order. Emitting only queues (the request thread never waits
 * on the receiver); {@link WebhookSender} drains it. Callers may emit while holding a charge or refund
 * monitor: this class takes no other lock, so the order of events for one charge is the order of its changes.
 */
@ApplicationScoped
public class WebhookOutbox {

    private static final Logger LOG = Logger.getLogger(WebhookOutbox.class);

    private final ConcurrentSkipListMap<Long, Delivery> waiting = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Inject
    ObjectMapper json;
    @Inject
    Chaos chaos;

    public void chargeEvent(String type, String chargeId, String chargeStatus) {
        emit(type, new WebhookEvent.Data(chargeId, null, chargeStatus));
    }

    public void refundEvent(String type, String chargeId, String refundId, String refundStatus) {
        emit(type, new WebhookEvent.Data(chargeId, refundId, refundStatus));
    }

    private void emit(String type, WebhookEvent.Data data) {
        Instant now = Instant.now();
        WebhookEvent event = new WebhookEvent(Ids.next("evt_"), type, now.getEpochSecond(), data);
        ChaosSettings settings = chaos.current();
        if (settings.loseWebhooks()) {
            LOG.infof("Chaos loseWebhooks: %s %s for %s is never sent", event.id(), type, data.chargeId());
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook event could not be serialised", e);
        }
        long seq = sequence.incrementAndGet();
        waiting.put(seq, new Delivery(seq, event.id(), type, data.chargeId(), body, now.plusMillis(settings.webhookDelayMs()),
                settings.duplicateWebhooks()));
    }

    /** Deliveries whose time has come; newest first under chaos {@code reverseOrder}. */
    List<Delivery> due(Instant now) {
        Comparator<Delivery> order = Comparator.comparingLong(d -> d.sequence);
        if (chaos.current().reverseOrder()) {
            order = order.reversed();
        }
        return waiting.values().stream().filter(d -> !d.dueAt.isAfter(now)).sorted(order).toList();
    }

    void done(Delivery delivery) {
        waiting.remove(delivery.sequence);
    }

    public int size() {
        return waiting.size();
    }
}
