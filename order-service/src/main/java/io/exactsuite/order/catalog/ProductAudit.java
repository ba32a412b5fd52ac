package io.exactsuite.order.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Counters against the order lines behind them: reserved = units in PENDING_PAYMENT orders, sold = in PAID/FULFILLED. */
@RegisterForReflection
public record ProductAudit(int capacity, int reserved, int sold, long reservedByOrders, long soldByOrders,
        boolean consistent) {
}
