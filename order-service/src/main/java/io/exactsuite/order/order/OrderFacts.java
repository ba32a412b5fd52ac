package io.exactsuite.order.order;

import io.exactsuite.common.money.Money;
import io.exactsuite.order.inventory.Slot;
import java.util.List;
import java.util.UUID;

/** What the steps of a change need to know about an order, read in a transaction (no entity leaves it). */
record OrderFacts(UUID id, String orderNo, OrderStatus status, Transition transition, UUID pointsAccountId,
        long pointsRedeemed, String pointsHoldKey, UUID pointsHoldId, UUID paymentId, Money amountDue, Long pointsCaptureEntry,
        Long loyaltyEntry, List<Slot> slots) {

    static OrderFacts of(Order order) {
        return new OrderFacts(order.id, order.orderNo, order.status, order.transition, order.pointsAccountId,
                order.pointsRedeemed, order.pointsHoldKey(), order.pointsHoldId, order.paymentId, order.amountDue(), order.pointsCaptureEntry,
                order.loyaltyEntry, order.slots());
    }

    /** A step's name in the journal: the change it belongs to, then the step. */
    String step(String name) {
        return transition + ":" + name;
    }
}
