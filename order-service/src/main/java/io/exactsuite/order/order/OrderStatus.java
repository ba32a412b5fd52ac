package io.exactsuite.order.order;

import java.util.Map;
import java.util.Set;

/**
 * PENDING_PAYMENT → PAID → FULFILLED; PENDING_PAYMENT → CANCELLED | EXPIRED; PAID → REFUNDED. A late
 * payment may still take a CANCELLED or EXPIRED order to PAID when every unit can be sold again.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    FULFILLED,
    CANCELLED,
    EXPIRED,
    REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING_PAYMENT, Set.of(PAID, CANCELLED, EXPIRED),
            PAID, Set.of(FULFILLED, REFUNDED),
            CANCELLED, Set.of(PAID),
            EXPIRED, Set.of(PAID),
            FULFILLED, Set.of(),
            REFUNDED, Set.of());

    public boolean canBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }
}
