package io.exactsuite.payment.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.payment.Payment;
import io.exactsuite.payment.payment.PaymentStatus;
import io.exactsuite.payment.payment.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class Outbox {

    @Inject
    PaymentConfig config;
    @Inject
    ObjectMapper json;

    /** Records that {@code payment} (held under its row lock) reached {@code status}; commits with that change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent record(Payment payment, PaymentStatus status) {
        payment.eventCount++;
        OutboxEvent event = new OutboxEvent();
        event.paymentId = payment.id;
        event.seq = payment.eventCount;
        event.targetUrl = targetUrl(payment.purpose, payment.purposeId);
        PaymentEvent body = new PaymentEvent(payment.id, event.idempotencyKey(), status, payment.money().amount(),
                payment.currency, payment.refunded().amount(), payment.purpose, payment.purposeId, payment.reference,
                payment.succeededAfterCancel ? Boolean.TRUE : null);
        try {
            event.payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        event.status = OutboxStatus.PENDING;
        event.createdAt = DbTime.now();
        event.nextAttemptAt = event.createdAt;
        event.persist();
        return event;
    }

    private String targetUrl(Purpose purpose, String purposeId) {
        return switch (purpose) {
            case ORDER -> config.owners().orderBaseUrl() + "/orders/" + purposeId + "/payment-events";
            case VOTES -> config.owners().votingBaseUrl() + "/purchases/" + purposeId + "/payment-events";
        };
    }
}
