package io.exactsuite.payment.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.tracing.TraceParent;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.payment.Payment;
import io.exactsuite.payment.payment.PaymentStatus;
import io.exactsuite.payment.refund.Refund;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
public class Outbox {

    @Inject
    PaymentConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    TransactionSynchronizationRegistry transaction;

    /** Records that {@code payment} (held under its row lock) reached {@code status}; commits with that change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent record(Payment payment, PaymentStatus status) {
        return record(payment, PaymentEvent.Status.valueOf(status.name()), null);
    }

    /** A refund the gateway confirmed or refused; {@code payment} is held under its row lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent recordRefund(Payment payment, PaymentEvent.Status status, Refund refund) {
        return record(payment, status, refund);
    }

    private OutboxEvent record(Payment payment, PaymentEvent.Status status, Refund refund) {
        payment.eventCount++;
        OutboxEvent event = new OutboxEvent();
        event.paymentId = payment.id;
        event.seq = payment.eventCount;
        event.targetUrl = ownerUrl(payment);
        PaymentEvent body = new PaymentEvent(payment.id, event.idempotencyKey(), status, payment.money().amount(),
                payment.currency, payment.refunded().amount(), payment.purpose.name(), payment.purposeId,
                payment.reference, payment.succeededAfterFailure ? Boolean.TRUE : null,
                refund == null ? null : refund.id,
                refund == null ? null : refund.amount.setScale(payment.money().amount().scale()));
        try {
            event.payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        event.status = OutboxStatus.PENDING;
        // The delivery continues the trace that created the payment (POST /orders → POST /payments), not the
        // webhook's or the sweep's that happened to learn the outcome.
        event.traceParent = payment.traceParent != null ? payment.traceParent : TraceParent.current();
        event.createdAt = DbTime.now();
        event.nextAttemptAt = event.createdAt;
        event.persist();
        wakeDispatcherOnCommit();
        return event;
    }

    /** Once this transaction commits, its events are deliverable: the dispatcher is woken then (once per transaction). */
    private void wakeDispatcherOnCommit() {
        if (transaction.getResource(Outbox.class) != null) {
            return;
        }
        transaction.putResource(Outbox.class, Boolean.TRUE);
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }

    /**
     * The owner's configured base URL plus the owner's object id. The id was checked to be a UUID when the
     * payment was created and is re-parsed here, so no caller text can reach the path or the query.
     */
    private String ownerUrl(Payment payment) {
        String id = UUID.fromString(payment.purposeId).toString();
        return switch (payment.purpose) {
            case ORDER -> config.owners().orderBaseUrl() + "/orders/" + id + "/payment-events";
            case VOTES -> config.owners().votingBaseUrl() + "/purchases/" + id + "/payment-events";
        };
    }
}
