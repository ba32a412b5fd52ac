package io.exactsuite.order.order;

import io.exactsuite.common.tx.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * What a customer, an admin or the expiry job asks of an order after checkout. Each change that calls
 * other services is started under the order's row lock in one short commit and then driven step by step
 * with no transaction open ({@link OrderSaga}); if a dependency fails midway the change stays recorded,
 * the answer is 503, and either the client's retry or the completer finishes it.
 */
@ApplicationScoped
public class OrderChanges {

    @Inject
    Orders orders;
    @Inject
    OrderSaga saga;
    @Inject
    Transactions transactions;

    /** PENDING_PAYMENT → CANCELLED, by its customer (or staff), for {@code request} (its caller and Idempotency-Key). */
    public OrderView cancel(UUID id, String request) {
        return startAndDrive(id, Transition.CANCEL, OrderStatus.CANCELLED, true, request);
    }

    /** One expiry, begun and driven on the caller's thread; an order paid, cancelled or changing meanwhile is left alone. */
    public boolean expire(UUID id) {
        boolean started = beginExpiry(id);
        if (started) {
            saga.drive(id);
        }
        return started;
    }

    /** The local first step of an expiry, in one short commit: true when this caller now owns the change. */
    public boolean beginExpiry(UUID id) {
        return transactions.inRetryingTransaction(() -> {
            Order order = orders.lock(id);
            if (order.status != OrderStatus.PENDING_PAYMENT || order.transition != null
                    || order.expiresAt.isAfter(Instant.now())) {
                return false;
            }
            saga.begin(order, Transition.EXPIRE);
            return true;
        });
    }

    /** The remote steps of a begun expiry, on whatever thread the expiry job gives it (each with its own request context). */
    @ActivateRequestContext
    public void driveExpiry(UUID id) {
        saga.drive(id);
    }

    /** PAID → REFUNDED, by an admin: money, redeemed points and stock back, loyalty points taken back. */
    public OrderView refund(UUID id, String request) {
        return startAndDrive(id, Transition.REFUND, OrderStatus.REFUNDED, false, request);
    }

    /** PAID → FULFILLED: local only. */
    public OrderView fulfil(UUID id) {
        return transactions.inRetryingTransaction(() -> {
            Order order = orders.lock(id);
            if (order.transition != null) {
                throw OrderSaga.busy(order); // never fulfil an order that is being refunded
            }
            order.moveTo(OrderStatus.FULFILLED);
            return OrderView.of(order);
        });
    }

    /**
     * Starts the change (or resumes it, for a retried request) in one short commit, then drives it. A retry of
     * the request that began it, after the completer finished it, is answered with the finished order.
     */
    private OrderView startAndDrive(UUID id, Transition change, OrderStatus to, boolean customersOwn, String request) {
        boolean finishedMeanwhile = transactions.inRetryingTransaction(() -> {
            Order order = orders.lock(customersOwn ? orders.find(id).id : id);
            if (order.transition == null && order.status == to && request.equals(order.changeRequest)) {
                return true;
            }
            if (order.transition != change) {
                order.checkCanBecome(to);
            }
            saga.begin(order, change, request);
            return false;
        });
        if (!finishedMeanwhile) {
            saga.drive(id);
        }
        return view(id);
    }

    private OrderView view(UUID id) {
        return transactions.inRetryingTransaction(() -> OrderView.of(Order.findById(id)));
    }
}
