package io.exactsuite.order.order;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.Rows;
import io.exactsuite.common.problem.ApiException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reading orders, and locking one: what every part of the order's life shares. */
@ApplicationScoped
public class Orders {

    @Inject
    Caller caller;
    @Inject
    EntityManager em;

    /** The caller's order (or any, for staff); 404 for anyone else's, so ids are not probed. */
    public Order find(UUID id) {
        Order order = Order.findById(id);
        if (order == null || !caller.mayActFor(order.customerId)) {
            throw ApiException.notFound("Order " + id);
        }
        return order;
    }

    public List<Order> mine(OrderStatus status, int page, int size) {
        Sort newest = Sort.descending("createdAt");
        var query = status == null ? Order.<Order>find("customerId", newest, caller.id())
                : Order.<Order>find("customerId = ?1 and status = ?2", newest, caller.id(), status);
        return query.page(page, size).list();
    }

    /** Locks the order's row and returns it as it is now; every change of an order happens under this lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Order lock(UUID id) {
        return Rows.lockFresh(em, Order.class, id, "Order");
    }

    /** The order as the steps of a change need it, or null when there is no such order. */
    OrderFacts facts(UUID id) {
        Order order = Order.findById(id);
        return order == null ? null : OrderFacts.of(order);
    }

    /** Unpaid orders past their expiry with no change in flight. */
    public List<UUID> dueForExpiry(int limit) {
        return Order.find("select o.id from Order o where o.status = ?1 and o.expiresAt <= ?2 and o.transition is null"
                + " order by o.expiresAt", OrderStatus.PENDING_PAYMENT, Instant.now()).project(UUID.class)
                .page(0, limit).list();
    }
}
