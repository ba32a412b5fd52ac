package io.exactsuite.order.order;

import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.payment.PaymentInbox;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What payment-service tells an order (its outbox's events, or reconciliation's findings). Each event is
 * recorded once by its id, whichever replica and however often it arrives; it starts the change it calls
 * for, or waits while another change is in flight and is applied when that one finishes. The event id,
 * not the request's Idempotency-Key, is what makes a delivery a duplicate.
 */
@ApplicationScoped
public class PaymentOutcomes {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomes.class);

    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;
    @Inject
    Orders orders;
    @Inject
    OrderSaga saga;

    /**
     * Records the event and drives the change it starts. A step that fails (a dependency down) does not fail
     * the delivery: the event is recorded and the change in flight is the completer's to finish. The answer
     * is the order as it is now (a duplicate delivery may see the change still in flight).
     */
    public OrderView receive(UUID id, PaymentEvent event) {
        boolean started = transactions.inRetryingTransaction(() -> {
            Order order = orders.lock(id);
            if (order.paymentId == null || !order.paymentId.equals(event.paymentId())) {
                throw ApiException.unprocessable("payment_mismatch", "Payment " + event.paymentId() + " is not order "
                        + id + "'s");
            }
            if (!PaymentInbox.firstDelivery(em, "order_id", id, event) || order.transition != null) {
                return false; // a duplicate, or an event that waits for the change in flight
            }
            applyWaiting(order);
            return order.transition != null;
        });
        if (started) { // only the delivery that started a change drives it; duplicates answer at once
            try {
                saga.drive(id);
            } catch (ApiException e) {
                LOG.warnf("Order %s: event %s recorded, its change left to the completer: %s", id, event.eventId(),
                        e.getMessage());
            }
        }
        return transactions.inRetryingTransaction(() -> OrderView.of(Order.findById(id)));
    }

    /** Reconciliation found the payment SUCCEEDED at payment-service without its event having arrived here. */
    public OrderView receiveReconciledSuccess(UUID id, UUID paymentId) {
        return receive(id, new PaymentEvent(paymentId, "reconciliation:order:" + id + ":SUCCEEDED",
                PaymentEvent.Status.SUCCEEDED, null, null, null, "ORDER", id.toString(), null, null, null, null));
    }

    /**
     * Applies the order's waiting events in arrival order until one starts a change (the rest wait for it).
     * The order is locked and has no change in flight.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void applyWaiting(Order order) {
        @SuppressWarnings("unchecked")
        List<Object[]> waiting = em.createNativeQuery("""
                SELECT event_id, status FROM payment_event WHERE order_id = ?1 AND applied_at IS NULL
                ORDER BY received_at, event_id""").setParameter(1, order.id).getResultList();
        for (Object[] event : waiting) {
            String eventId = (String) event[0];
            PaymentEvent.Status status = PaymentEvent.Status.valueOf((String) event[1]);
            Transition change = changeFor(order, status, eventId);
            em.createNativeQuery("UPDATE payment_event SET applied_at = ?1 WHERE event_id = ?2")
                    .setParameter(1, Timestamp.from(DbTime.now())).setParameter(2, eventId).executeUpdate();
            if (change != null) {
                saga.begin(order, change);
                return;
            }
        }
    }

    /** The change an event calls for in the order's state now, or null when it changes nothing. */
    private Transition changeFor(Order order, PaymentEvent.Status status, String eventId) {
        return switch (status) {
            case SUCCEEDED -> {
                if (successAlreadyApplied(order.id, eventId)) {
                    yield null; // the same success by another way (reconciliation, the outbox)
                }
                yield switch (order.status) {
                    case PENDING_PAYMENT -> Transition.PAY;
                    case CANCELLED, EXPIRED -> Transition.LATE_PAY;
                    default -> null;
                };
            }
            case FAILED -> order.status == OrderStatus.PENDING_PAYMENT ? Transition.PAYMENT_FAILED : null;
            case REFUNDED -> order.status == OrderStatus.PAID ? Transition.REFUNDED_AT_PAYMENT : null;
            // An order is refunded whole, through its own refund; a partial refund an admin made at
            // payment-service, or a refund the gateway refused, leaves the order as it is (recorded).
            case PARTIALLY_REFUNDED, REFUND_FAILED -> null;
        };
    }

    private boolean successAlreadyApplied(UUID orderId, String eventId) {
        return ((Number) em.createNativeQuery("""
                SELECT count(*) FROM payment_event
                WHERE order_id = ?1 AND status = 'SUCCEEDED' AND applied_at IS NOT NULL AND event_id <> ?2""")
                .setParameter(1, orderId).setParameter(2, eventId).getSingleResult()).longValue() > 0;
    }
}
