package io.exactsuite.order.order;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.order.OrdersConfig;
import io.exactsuite.order.catalog.Product;
import io.exactsuite.order.inventory.Inventory;
import io.exactsuite.order.payment.PaymentResult;
import io.exactsuite.order.payment.PaymentSteps;
import io.exactsuite.order.points.PointsSteps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Checkout in steps, each remote call between two local commits, none inside a transaction: (1) reserve
 * every slot and record the order, commit; (2) hold the points, record the hold; (3) create the payment,
 * record it. No inventory row (or pooled connection) is held while points- or payment-service answers,
 * so a slow dependency slows one checkout, not every checkout of a hot product.
 *
 * <p>The order's id derives from the caller and the Idempotency-Key, and every downstream key derives
 * from the id: a retry of this request, at any layer and after any failure, asks for the same hold and
 * the same payment, never a second one, and resumes where the first attempt stopped. A step that fails
 * abandons the attempt: the hold is released or voided, the reservation and the order are removed. A checkout left between steps by a crash is abandoned the same way by the {@link Completer}.
 */
@ApplicationScoped
public class Checkout {

    private static final Logger LOG = Logger.getLogger(Checkout.class);

    @Inject
    Caller caller;
    @Inject
    Inventory inventory;
    @Inject
    OrderNumbers numbers;
    @Inject
    PointsSteps points;
    @Inject
    PaymentSteps payments;
    @Inject
    OrdersConfig config;
    @Inject
    Transactions transactions;
    @Inject
    Orders orders;
    @Inject
    OrderSaga saga;
    @Inject
    PaymentLimits paymentLimits;

    /** @return the order, placed (or as far as an earlier attempt of this request placed it) */
    public OrderView place(PlaceOrder request, String idempotencyKey) {
        UUID id = Order.idFor(caller.id(), idempotencyKey);
        OrderFacts reserved = transactions.inRetryingTransaction(() -> reserveAndRecord(id, request));
        if (reserved.transition() == Transition.PLACE) {
            try {
                if (reserved.pointsRedeemed() > 0 && reserved.pointsHoldId() == null) {
                    UUID hold = points.hold(caller.bearerToken(), reserved.pointsHoldKey(), reserved.orderNo(), reserved.pointsAccountId(),
                            reserved.pointsRedeemed(), config.paymentTtl().plusMinutes(5));
                    transactions.inRetryingTransaction(() -> orders.lock(id).pointsHoldId = hold);
                }
                PaymentResult.Created payment = payments.create(id, caller.id(), reserved.amountDue());
                transactions.inRetryingTransaction(() -> recordPayment(id, payment));
            } catch (RuntimeException e) {
                abandon(id);
                throw e;
            }
            saga.drive(id); // an event that arrived during checkout waited for it
        }
        return transactions.inRetryingTransaction(() -> OrderView.of(Order.findById(id)));
    }

    /** Step 1: the reservation and the order, committed together; an order placed under this key before is resumed. */
    OrderFacts reserveAndRecord(UUID id, PlaceOrder request) {
        Order existing = Order.findById(id);
        if (existing != null) {
            return OrderFacts.of(existing);
        }
        Order order = new Order();
        order.id = id;
        order.customerId = caller.id();
        Money total = null;
        LocalDate today = LocalDate.ofInstant(DbTime.now(), ZoneOffset.UTC);
        for (int i = 0; i < request.lines().size(); i++) {
            requireNotRepeated(request.lines(), i);
            OrderLine line = line(order, i, request.lines().get(i), today);
            Money subtotal = order.money(line.subtotal);
            total = total == null ? subtotal : total.plus(subtotal);
            order.lines.add(line);
        }
        long redeemed = request.pointsToRedeem() == null ? 0 : request.pointsToRedeem();
        Money due = total.minus(discount(redeemed, request.pointsAccountId(), total));
        PaymentLimits.requirePayableTotal(paymentLimits, due, "The order");

        inventory.reserve(order.slots());
        inventory.requireWithinUnpaidLimit(order.customerId, order.slots());

        order.orderNo = numbers.next();
        order.status = OrderStatus.PENDING_PAYMENT;
        order.total = total.amount();
        order.pointsRedeemed = redeemed;
        order.amountDue = due.amount();
        order.pointsAccountId = redeemed > 0 ? request.pointsAccountId() : null;
        order.pointsHoldKey = redeemed > 0 ? PointsSteps.holdKey(id) : null;
        order.createdAt = DbTime.now();
        order.updatedAt = order.createdAt;
        order.expiresAt = order.createdAt.plus(config.paymentTtl());
        order.transition = Transition.PLACE;
        order.transitionDueAt = order.createdAt.plus(config.saga().placementTimeout());
        order.persist();
        return OrderFacts.of(order);
    }

    private Void recordPayment(UUID id, PaymentResult.Created payment) {
        Order order = orders.lock(id);
        if (order.transition != Transition.PLACE) {
            return null; // recorded by a concurrent retry of the same request
        }
        order.paymentId = payment.id();
        order.paymentReference = payment.reference();
        order.checkoutUrl = payment.checkoutUrl();
        saga.settle(order);
        return null;
    }

    /**
     * A checkout that failed at a step (or, from the completer, never finished): release what it holds,
     * remote first, then the local rows: a hold that was recorded is released, and one whose request failed is
     * voided by its reference, since points-service may have placed it all the same. A checkout whose payment was
     * recorded meanwhile is left alone. When points-service cannot release or void the hold now, the order stays recorded (PLACE, with its stock) so the
     * completer abandons it again later: its row is the only record of the hold.
     *
     * @return false when the hold could not be released and the abandon is left to the completer
     */
    public boolean abandon(UUID id) {
        OrderFacts placement = transactions.inRetryingTransaction(() -> orders.facts(id));
        if (placement == null || placement.transition() != Transition.PLACE) {
            return true; // gone already, or completed by a concurrent retry of the same request
        }
        if (placement.pointsRedeemed() > 0) {
            try {
                if (placement.pointsHoldId() != null) {
                    points.release(id, placement.pointsHoldKey(), placement.pointsHoldId());
                } else {
                    // The hold request failed, but points-service may have placed the hold (an answer lost, a
                    // request still on its way): void it by its reference rather than forget it.
                    points.voidHold(placement.pointsHoldKey(), placement.pointsAccountId());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Hold %s of abandoned order %s not released now; the completer tries again: %s",
                        placement.pointsHoldId(), id, e.toString());
                saga.stalled(placement, e); // due again after the saga's retry pause, not after the placement timeout
                return false;
            }
        }
        transactions.inRetryingTransaction(() -> {
            Order order = orders.lock(id);
            if (order.transition == Transition.PLACE) {
                inventory.release(order.slots());
                order.lines.forEach(OrderLine::delete);
                order.delete();
            }
            return null;
        });
        return true;
    }

    /** The same product and dates twice in one order: one line with more units says it plainly. */
    private static void requireNotRepeated(List<PlaceOrder.Line> lines, int index) {
        PlaceOrder.Line line = lines.get(index);
        for (int earlier = 0; earlier < index; earlier++) {
            PlaceOrder.Line other = lines.get(earlier);
            if (other.productId().equals(line.productId()) && Objects.equals(other.date(), line.date())
                    && Objects.equals(other.checkIn(), line.checkIn()) && Objects.equals(other.checkOut(), line.checkOut())) {
                throw ApiException.invalidField("lines[" + index + "]", "repeats lines[" + earlier
                        + "] (same product and dates); order more units on one line");
            }
        }
    }

    /** A date or stay: not before yesterday (UTC; a property's local day may still be yesterday), not past the horizon. */
    private void requireBookable(String field, LocalDate first, LocalDate today) {
        if (first.isBefore(today.minusDays(1))) {
            throw ApiException.invalidField(field, "is in the past");
        }
        int horizon = config.booking().horizonDays();
        if (first.isAfter(today.plusDays(horizon))) {
            throw ApiException.invalidField(field, "is more than " + horizon + " days ahead");
        }
    }

    private OrderLine line(Order order, int index, PlaceOrder.Line request, LocalDate today) {
        String field = "lines[" + index + "]";
        Product product = Product.findById(request.productId());
        if (product == null) {
            throw ApiException.unprocessable("unknown_product", "Product " + request.productId() + " does not exist");
        }
        boolean hasDate = request.date() != null;
        boolean hasStay = request.checkIn() != null || request.checkOut() != null;
        if (!product.dated && (hasDate || hasStay)) {
            throw ApiException.invalidField(field, "product " + product.sku + " is not sold per date");
        }
        if (product.dated && hasDate == hasStay) {
            throw ApiException.invalidField(field, "product " + product.sku + " needs either date or checkIn and checkOut");
        }
        long nights = 1;
        if (hasStay) {
            if (request.checkIn() == null || request.checkOut() == null || !request.checkOut().isAfter(request.checkIn())) {
                throw ApiException.invalidField(field, "a stay needs checkIn before checkOut");
            }
            requireBookable(field + ".checkIn", request.checkIn(), today);
            nights = ChronoUnit.DAYS.between(request.checkIn(), request.checkOut());
            int maxNights = config.booking().maxNights();
            if (nights > maxNights) {
                throw ApiException.invalidField(field, "a stay is at most " + maxNights + " nights");
            }
        }
        if (hasDate) {
            requireBookable(field + ".date", request.date(), today);
        }
        if (order.currency == null) {
            order.currency = product.currency;
        } else if (!order.currency.equals(product.currency)) {
            throw ApiException.unprocessable("currency_mismatch", "An order is paid in one currency; "
                    + product.sku + " is priced in " + product.currency + ", not " + order.currency);
        }
        OrderLine line = new OrderLine();
        line.id = UUID.randomUUID();
        line.order = order;
        line.lineNo = index + 1;
        line.productId = product.id;
        line.day = request.date();
        line.checkIn = request.checkIn();
        line.checkOut = request.checkOut();
        line.quantity = request.quantity();
        line.unitPrice = product.unitPrice().amount();
        line.subtotal = product.unitPrice().times(request.quantity() * nights).amount();
        return line;
    }

    /** Points redeem at orders.points.per-currency-unit; the discount must be exact and leave something to pay. */
    private Money discount(long redeemed, UUID accountId, Money total) {
        if (redeemed == 0) {
            return Money.zero(total.currency());
        }
        if (accountId == null) {
            throw ApiException.invalidField("pointsAccountId", "is required to redeem points");
        }
        BigDecimal value = BigDecimal.valueOf(redeemed)
                .divide(BigDecimal.valueOf(config.points().perCurrencyUnit()), 10, RoundingMode.DOWN).stripTrailingZeros();
        Money discount = Money.parse(value, total.currencyCode(), "pointsToRedeem");
        if (discount.compareTo(total) >= 0) {
            throw ApiException.unprocessable("points_exceed_total", "Points may pay part of an order, not all of it");
        }
        return discount;
    }
}
