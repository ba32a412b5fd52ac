package io.exactsuite.order.order;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.metrics.SuiteMetrics;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.retry.Backoff;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.order.OrdersConfig;
import io.exactsuite.order.inventory.Inventory;
import io.exactsuite.order.payment.PaymentResult;
import io.exactsuite.order.payment.PaymentSteps;
import io.exactsuite.order.points.PointsResult;
import io.exactsuite.order.points.PointsSteps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.RoundingMode;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives an order's change in flight (its {@link Transition}) through its steps, top to bottom, as atomic
 * phases: each call to points- or payment-service runs with no transaction open and its result is
 * recorded in the {@link StepJournal} before the next step begins; the stock and the status change
 * together in the last, local commit. Driving again replays recorded steps and resumes at the first
 * unrecorded one, under the same keys, so whoever drives (the request, another replica's request, the
 * {@link Completer}) reaches the same end, once.
 */
@ApplicationScoped
public class OrderSaga {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);
    /** A finished change may start one more (a payment event that waited for it); never more than a few. */
    private static final int MAX_CHAINED_CHANGES = 4;

    @Inject
    StepJournal journal;
    @Inject
    PointsSteps points;
    @Inject
    PaymentSteps payments;
    @Inject
    Inventory inventory;
    @Inject
    Transactions transactions;
    @Inject
    OrdersConfig config;
    @Inject
    Orders orders;
    @Inject
    PaymentOutcomes outcomes;

    /**
     * Starts {@code transition} on the order, locked in the caller's transaction. The same change already in
     * flight is resumed (a retried request); another one is 409 {@code order_busy}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void begin(Order order, Transition transition) {
        begin(order, transition, null);
    }

    /** {@link #begin(Order, Transition)} for a client's request, named so that its retry can recognise the change as its own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void begin(Order order, Transition transition, String request) {
        if (order.transition == transition) {
            return;
        }
        if (order.transition != null) {
            throw busy(order);
        }
        order.transition = transition;
        order.changeRequest = request;
        order.transitionDueAt = DbTime.now().plus(config.saga().lease());
        order.transitionAttempts = 0;
        order.transitionError = null;
        order.updatedAt = DbTime.now();
    }

    static ApiException busy(Order order) {
        return ApiException.conflict("order_busy", "Order " + order.orderNo + " is in the middle of " + order.transition
                + "; retry shortly");
    }

    /** Ends the change in flight on the locked order, then starts the one a waiting payment event calls for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(Order order) {
        order.transition = null;
        order.transitionDueAt = null;
        order.transitionAttempts = 0;
        order.transitionError = null;
        order.updatedAt = DbTime.now();
        outcomes.applyWaiting(order);
    }

    /**
     * Drives the order's change in flight, and any change its end starts, to the end. A step that fails
     * throws (503 when a dependency is down) after noting when the completer should try again.
     */
    public void drive(UUID id) {
        for (int i = 0; i < MAX_CHAINED_CHANGES; i++) {
            OrderFacts order = transactions.inRetryingTransaction(() -> orders.facts(id));
            if (order == null || order.transition() == null || order.transition() == Transition.PLACE) {
                return; // at rest; a checkout is driven by its own request (or abandoned by the completer)
            }
            try {
                run(order);
            } catch (RuntimeException e) {
                stalled(order, e);
                throw e;
            }
        }
    }

    private void run(OrderFacts order) {
        switch (order.transition()) {
            case PAY -> pay(order);
            case LATE_PAY -> payLate(order);
            case CANCEL, EXPIRE, PAYMENT_FAILED -> unwind(order);
            case REFUND -> refund(order);
            case REFUNDED_AT_PAYMENT -> refundedAtPayment(order);
            case PLACE -> throw new IllegalStateException("a checkout is not driven here");
        }
    }

    /** PENDING_PAYMENT → PAID: points captured (or spent anew if the hold lapsed), loyalty earned, stock sold. */
    private void pay(OrderFacts order) {
        Long taken = null;
        if (order.pointsHoldId() != null) {
            PointsResult redeemed = journal.step(order.id(), order.step("capture-points"), PointsResult.class,
                    () -> points.capture(order.id(), order.pointsHoldId()));
            if (redeemed instanceof PointsResult.HoldLapsed) {
                redeemed = journal.step(order.id(), order.step("spend-points"), PointsResult.class,
                        () -> points.spend(order.id(), order.orderNo(), order.pointsAccountId(), order.pointsRedeemed()));
            }
            if (!(redeemed instanceof PointsResult.Taken points)) {
                String refunded = refundWhole(order);
                finish(order, o -> {
                    o.moveTo(OrderStatus.CANCELLED);
                    o.note = join("points hold lapsed and the points are no longer available; payment refunded", refunded);
                    inventory.release(o.slots());
                });
                return;
            }
            taken = points.entry();
        }
        Long loyalty = earnLoyalty(order);
        Long capture = taken;
        finish(order, o -> {
            o.pointsCaptureEntry = capture;
            o.loyaltyEntry = loyalty;
            o.moveTo(OrderStatus.PAID);
            inventory.sell(o.slots());
        });
    }

    /**
     * A payment that succeeded after the order was cancelled or expired: honoured only if every unit can be
     * sold again and the points are still there, else refunded. The sale is a local step recorded with the
     * stock it takes, so a replay never sells twice.
     */
    private void payLate(OrderFacts order) {
        String lapsed = order.status().name();
        boolean inStock = journal.step(order.id(), order.step("check-stock"), Decision.class,
                () -> new Decision(transactions.inRetryingTransaction(() -> inventory.allAvailable(order.slots())))).yes();
        if (!inStock) {
            refuse(order, "paid after " + lapsed + " but sold out meanwhile");
            return;
        }
        Long taken = null;
        if (order.pointsRedeemed() > 0) {
            PointsResult spent = journal.step(order.id(), order.step("spend-points"), PointsResult.class,
                    () -> points.spend(order.id(), order.orderNo(), order.pointsAccountId(), order.pointsRedeemed()));
            if (!(spent instanceof PointsResult.Taken points)) {
                refuse(order, "paid after " + lapsed + " but the redeemed points are no longer available");
                return;
            }
            taken = points.entry();
        }
        Long loyalty = earnLoyalty(order);
        Long capture = taken;
        boolean sold = transactions.inRetryingTransaction(() -> {
            Order o = orders.lock(order.id());
            if (o.transition != order.transition()) {
                return true; // finished by another driver
            }
            boolean all = journal.localStep(order.id(), order.step("sell"), Decision.class,
                    () -> new Decision(inventory.sellIfAllAvailable(o.slots()))).yes();
            if (all) {
                o.pointsCaptureEntry = capture;
                o.loyaltyEntry = loyalty;
                o.moveTo(OrderStatus.PAID);
                o.note = "paid after " + lapsed + "; honoured because stock remained";
                settle(o);
            }
            return all;
        });
        if (sold) {
            SuiteMetrics.latePayment("orders", "honoured");
        }
        if (!sold) {
            // Sold out between the check and the sale (rare): points back, loyalty back, money back.
            if (capture != null) {
                journal.step(order.id(), order.step("return-points"), PointsResult.class,
                        () -> points.giveBack(order.id(), capture));
            }
            if (loyalty != null) {
                journal.step(order.id(), order.step("take-back-loyalty"), PointsResult.class,
                        () -> points.takeBackLoyalty(order.id(), loyalty));
            }
            refuse(order, "paid after " + lapsed + " but sold out meanwhile");
        }
    }

    /** PENDING_PAYMENT → CANCELLED or EXPIRED: the hold released, the payment cancelled, the reservation released. */
    private void unwind(OrderFacts order) {
        if (order.pointsHoldId() != null) {
            PointsResult released = journal.step(order.id(), order.step("release-points"), PointsResult.class,
                    () -> points.release(order.id(), order.pointsHoldKey(), order.pointsHoldId()));
            if (released instanceof PointsResult.HoldAlreadyCaptured captured) {
                // An earlier attempt captured the hold at points-service: those points go back.
                journal.step(order.id(), order.step("return-points"), PointsResult.class,
                        () -> points.giveBack(order.id(), captured.entry()));
            }
        }
        if (order.paymentId() != null && order.transition() != Transition.PAYMENT_FAILED) {
            // AlreadySettled: the payment succeeded meanwhile; its event is applied as a late payment.
            journal.step(order.id(), order.step("cancel-payment"), PaymentResult.class,
                    () -> payments.cancel(order.id(), order.paymentId()));
        }
        finish(order, o -> {
            o.moveTo(order.transition() == Transition.EXPIRE ? OrderStatus.EXPIRED : OrderStatus.CANCELLED);
            if (order.transition() == Transition.PAYMENT_FAILED) {
                o.note = "payment failed";
            }
            inventory.release(o.slots());
        });
    }

    /** PAID → REFUNDED: money back (what payment-service says is refundable), points back, stock back. */
    private void refund(OrderFacts order) {
        PaymentResult refunded = journal.step(order.id(), order.step("refund-payment"), PaymentResult.class,
                () -> payments.refund(order.id(), order.paymentId(), order.amountDue()));
        if (refunded instanceof PaymentResult.RefundRefused refused) {
            // The first step, and it changed nothing anywhere: the change is dropped and the order stays PAID.
            transactions.inRetryingTransaction(() -> {
                Order o = orders.lock(order.id());
                if (o.transition == Transition.REFUND) {
                    journal.forget(order.id(), Transition.REFUND);
                    settle(o);
                }
                return null;
            });
            throw ApiException.conflict("payment_not_refundable", "payment-service will not refund payment "
                    + order.paymentId() + ": it is " + refused.status());
        }
        String notTakenBack = returnPoints(order);
        finish(order, o -> {
            o.moveTo(OrderStatus.REFUNDED);
            o.note = join(((PaymentResult.Refunded) refunded).note(), notTakenBack);
            inventory.restock(o.slots());
        });
    }

    /** payment-service refunded the payment in full itself: points back, stock back. */
    private void refundedAtPayment(OrderFacts order) {
        String notTakenBack = returnPoints(order);
        finish(order, o -> {
            o.moveTo(OrderStatus.REFUNDED);
            o.note = join("refunded at payment-service", notTakenBack);
            inventory.restock(o.slots());
        });
    }

    /** A paid order that cannot be honoured: the money goes back and the order stays where it is (or is cancelled). */
    private void refuse(OrderFacts order, String why) {
        String refunded = refundWhole(order);
        finish(order, o -> o.note = join(why + "; payment refunded", refunded));
        SuiteMetrics.latePayment("orders", "refunded");
    }

    /** @return a note when the refund was not simply the whole amount due, else null */
    private String refundWhole(OrderFacts order) {
        PaymentResult refunded = journal.step(order.id(), order.step("refund-payment"), PaymentResult.class, () -> {
            PaymentResult result = payments.refund(order.id(), order.paymentId(), order.amountDue());
            if (result instanceof PaymentResult.RefundRefused refused) {
                // A payment that just succeeded and will not be refunded needs an operator; not recorded, retried.
                throw new ApiException(502, "dependency_refused", "Bad gateway", "payment-service will not refund payment "
                        + order.paymentId() + " (it is " + refused.status() + ")");
            }
            return result;
        });
        return ((PaymentResult.Refunded) refunded).note();
    }

    /** @return why loyalty points were not taken back, or null */
    private String returnPoints(OrderFacts order) {
        if (order.pointsCaptureEntry() != null) {
            journal.step(order.id(), order.step("return-points"), PointsResult.class,
                    () -> points.giveBack(order.id(), order.pointsCaptureEntry()));
        }
        if (order.loyaltyEntry() == null) {
            return null;
        }
        PointsResult takenBack = journal.step(order.id(), order.step("take-back-loyalty"), PointsResult.class,
                () -> points.takeBackLoyalty(order.id(), order.loyaltyEntry()));
        return takenBack instanceof PointsResult.NotReversed kept ? kept.why() : null;
    }

    /** @return the loyalty entry, or null when the order earns none */
    private Long earnLoyalty(OrderFacts order) {
        if (order.pointsAccountId() == null) {
            return null;
        }
        long earned = order.amountDue().amount().setScale(0, RoundingMode.DOWN).longValueExact()
                * config.points().earnedPerCurrencyUnit();
        if (earned <= 0) {
            return null;
        }
        PointsResult credited = journal.step(order.id(), order.step("earn-loyalty"), PointsResult.class,
                () -> points.earn(order.id(), order.orderNo(), order.pointsAccountId(), earned));
        return ((PointsResult.Credited) credited).entry();
    }

    /** The last, local commit of a change: the stock and the status together, under the order's row lock. */
    private void finish(OrderFacts order, Consumer<Order> change) {
        transactions.inRetryingTransaction(() -> {
            Order o = orders.lock(order.id());
            if (o.transition == order.transition()) { // else another driver finished it
                change.accept(o);
                settle(o);
            }
            return null;
        });
    }

    /** A step failed: note why, and when the completer should try again (backing off as failures repeat). */
    /** Notes when the completer should take the change up again: soon, then less often (saga.retry-initial, doubling). */
    void stalled(OrderFacts order, RuntimeException e) {
        Backoff backoff = new Backoff(config.saga().retryInitial(), config.saga().retryMax());
        try {
            transactions.inRetryingTransaction(() -> {
                Order o = orders.lock(order.id());
                if (o.transition == order.transition()) {
                    o.transitionAttempts++;
                    o.transitionDueAt = DbTime.now().plus(backoff.after(o.transitionAttempts));
                    o.transitionError = e.getMessage();
                }
                return null;
            });
        } catch (RuntimeException noted) {
            LOG.warnf("Order %s: could not note the stalled %s (%s); the completer takes it up after its lease",
                    order.id(), order.transition(), noted.toString());
        }
        LOG.warnf("Order %s: %s stopped at a step and will be resumed: %s", order.id(), order.transition(), e.getMessage());
    }

    static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    /** A local decision, recorded so that every replay takes the same branch. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Decision(boolean yes) {
    }
}
