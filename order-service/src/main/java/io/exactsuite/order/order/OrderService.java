package io.exactsuite.order.order;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.order.OrdersConfig;
import io.exactsuite.order.catalog.Product;
import io.exactsuite.order.clients.PaymentClient;
import io.exactsuite.order.clients.PointsClient;
import io.exactsuite.common.client.Reply;
import io.exactsuite.common.client.Upstream;
import io.exactsuite.order.inventory.Inventory;
import io.exactsuite.order.inventory.Slot;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Checkout and the order's life. Placing an order commits the reservation before any remote call and
 * records each call's result in its own short transaction (see {@link #place}). Every other method is one
 * transaction: lock the order, make the calls to points- and payment-service (whose Idempotency-Keys and
 * business references derive from the order id, so a retried step cannot hold, charge or refund twice),
 * and only then touch the inventory rows, so no product row is locked while another service answers.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final int MAX_NIGHTS = 30;

    @Inject
    Caller caller;
    @Inject
    Inventory inventory;
    @Inject
    OrderNumbers numbers;
    @Inject
    PointsClient points;
    @Inject
    PaymentClient payments;
    @Inject
    OrdersConfig config;
    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;

    /**
     * Checkout in steps, each remote call between two local commits, none inside a transaction: (1) reserve
     * every slot and record the order, commit; (2) hold the points, record the hold; (3) create the payment,
     * record it. No inventory row (or pooled connection) is held while points- or payment-service answers,
     * so a slow dependency slows one checkout, not every checkout of a hot product.
     *
     * <p>The order's id derives from the caller and the Idempotency-Key, and every downstream key derives
     * from the id: a retry of this request, at any layer and after any failure, asks for the same hold and
     * the same payment, never a second one, and resumes where the first attempt stopped. A step that fails
     * abandons the attempt: the hold is released (its TTL is the backstop), the reservation and the order
     * are removed. An order left between steps by a crash is compensated by the expiry job.
     *
     * @return the order's id; read the order in the caller's transaction
     */
    public UUID place(PlaceOrder request, String idempotencyKey) {
        UUID id = Order.idFor(caller.id(), idempotencyKey);
        Placement reserved = transactions.inRetryingTransaction(() -> reserveAndRecord(id, request));
        if (reserved.settled()) {
            return id;
        }
        try {
            if (reserved.needsHold()) {
                UUID hold = holdPoints(reserved);
                transactions.inRetryingTransaction(() -> recordHold(id, hold));
            }
            String payer = caller.id();
            Reply payment = Upstream.reach("payment-service", () -> payments.create(key(id, "payment"), id, payer,
                    reserved.amountDue()));
            if (!payment.ok()) {
                throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service refused the payment: "
                        + payment.code());
            }
            transactions.inRetryingTransaction(() -> {
                recordPayment(id, payment);
                return null;
            });
        } catch (RuntimeException e) {
            abandon(id);
            throw e;
        }
        return id;
    }

    /** What placement needs to know between its steps, read inside a transaction (no entity leaves it). */
    record Placement(UUID id, String orderNo, OrderStatus status, UUID pointsAccountId, long pointsRedeemed,
            UUID pointsHoldId, UUID paymentId, Money amountDue) {

        static Placement of(Order order) {
            return new Placement(order.id, order.orderNo, order.status, order.pointsAccountId, order.pointsRedeemed,
                    order.pointsHoldId, order.paymentId, order.amountDue());
        }

        boolean settled() {
            return status != OrderStatus.PENDING_PAYMENT || paymentId != null;
        }

        boolean needsHold() {
            return pointsRedeemed > 0 && pointsHoldId == null;
        }
    }

    /** Step 1: the reservation and the order, committed together; an order placed under this key before is resumed. */
    Placement reserveAndRecord(UUID id, PlaceOrder request) {
        Order existing = Order.findById(id);
        if (existing != null) {
            return Placement.of(existing);
        }
        Order order = new Order();
        order.id = id;
        order.customerId = caller.id();
        Money total = null;
        for (int i = 0; i < request.lines().size(); i++) {
            OrderLine line = line(order, i, request.lines().get(i));
            Money subtotal = order.money(line.subtotal);
            total = total == null ? subtotal : total.plus(subtotal);
            order.lines.add(line);
        }
        long redeemed = request.pointsToRedeem() == null ? 0 : request.pointsToRedeem();
        Money due = total.minus(discount(redeemed, request.pointsAccountId(), total));

        inventory.reserve(order.slots());

        order.orderNo = numbers.next();
        order.status = OrderStatus.PENDING_PAYMENT;
        order.total = total.amount();
        order.pointsRedeemed = redeemed;
        order.amountDue = due.amount();
        order.pointsAccountId = redeemed > 0 ? request.pointsAccountId() : null;
        order.createdAt = DbTime.now();
        order.updatedAt = order.createdAt;
        order.expiresAt = order.createdAt.plus(config.paymentTtl());
        order.persist();
        return Placement.of(order);
    }

    private Placement recordHold(UUID id, UUID holdId) {
        Order order = lock(id);
        order.pointsHoldId = holdId;
        order.updatedAt = DbTime.now();
        return Placement.of(order);
    }

    private void recordPayment(UUID id, Reply payment) {
        Order order = lock(id);
        order.paymentId = UUID.fromString(payment.text("id"));
        order.paymentReference = payment.text("reference");
        order.checkoutUrl = payment.text("checkoutUrl");
        order.updatedAt = DbTime.now();
    }

    /** A placement step failed: release what this attempt holds, remote first, then the local rows. */
    private void abandon(UUID id) {
        Placement placement = transactions.inRetryingTransaction(() -> {
            Order order = Order.findById(id);
            return order == null ? null : Placement.of(order);
        });
        if (placement == null || placement.paymentId() != null) {
            return; // gone already, or completed by a concurrent retry of the same request
        }
        if (placement.pointsHoldId() != null) {
            releaseHoldQuietly(id, placement.pointsHoldId());
        }
        transactions.inRetryingTransaction(() -> {
            Order order = lock(id);
            if (order.paymentId == null && order.status == OrderStatus.PENDING_PAYMENT) {
                inventory.release(order.slots());
                order.lines.forEach(OrderLine::delete);
                order.delete();
            }
            return null;
        });
    }

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

    @Transactional
    public Order cancel(UUID id) {
        Order order = lock(find(id).id);
        order.moveTo(OrderStatus.CANCELLED);
        unwind(order);
        return order;
    }

    /** The expiry job, one order at a time; an order paid or cancelled meanwhile is left alone. */
    @Transactional
    public boolean expire(UUID id) {
        Order order = lock(id);
        if (order.status != OrderStatus.PENDING_PAYMENT || order.expiresAt.isAfter(Instant.now())) {
            return false;
        }
        order.moveTo(OrderStatus.EXPIRED);
        unwind(order);
        return true;
    }

    @Transactional
    public Order fulfil(UUID id) {
        Order order = lock(id);
        order.moveTo(OrderStatus.FULFILLED);
        return order;
    }

    /** PAID → REFUNDED: stock back, money back, redeemed points back, loyalty points taken back. */
    @Transactional
    public Order refund(UUID id) {
        Order order = lock(id);
        order.moveTo(OrderStatus.REFUNDED);
        String refunded = refundPayment(order);
        reversePoints(order);
        order.note = join(refunded, order.note);
        inventory.restock(order.slots()); // product rows last: none is locked while a call is in flight
        return order;
    }

    /** payment-service's outbox: each event applied once, whichever replica and however often it arrives. */
    @Transactional
    public Order applyPaymentEvent(UUID id, PaymentEvent event) {
        Order order = lock(id);
        if (order.paymentId == null || !order.paymentId.equals(event.paymentId())) {
            throw ApiException.unprocessable("payment_mismatch", "Payment " + event.paymentId() + " is not order " + id + "'s");
        }
        int first = em.createNativeQuery("""
                INSERT INTO payment_event (event_id, order_id, status, received_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.eventId()).setParameter(2, id).setParameter(3, event.status().name())
                .setParameter(4, Timestamp.from(DbTime.now())).executeUpdate();
        if (first == 0 || (event.status() == PaymentEvent.Status.SUCCEEDED && successesHeard(id) > 1)) {
            return order; // this event, or this success by another way (reconciliation, the outbox), was applied
        }
        switch (event.status()) {
            case SUCCEEDED -> paid(order);
            case FAILED -> {
                if (order.status == OrderStatus.PENDING_PAYMENT) {
                    order.moveTo(OrderStatus.CANCELLED);
                    order.note = "payment failed";
                    unwind(order);
                }
            }
            case PARTIALLY_REFUNDED, REFUND_FAILED -> {
                // An order is refunded whole, through its own refund; a partial refund an admin made at
                // payment-service, or a refund the gateway refused, leaves the order as it is (recorded above).
            }
            case REFUNDED -> {
                if (order.status == OrderStatus.PAID) {
                    order.moveTo(OrderStatus.REFUNDED);
                    order.note = "refunded at payment-service";
                    reversePoints(order);
                    inventory.restock(order.slots());
                }
            }
        }
        return order;
    }

    /** Reconciliation found the payment SUCCEEDED at payment-service without its event having arrived here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Order applyReconciledSuccess(UUID id, UUID paymentId) {
        return applyPaymentEvent(id, new PaymentEvent(paymentId, "reconciliation:order:" + id + ":SUCCEEDED",
                PaymentEvent.Status.SUCCEEDED, null, null, null, "ORDER", id.toString(), null, null, null, null));
    }

    private long successesHeard(UUID orderId) {
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM payment_event WHERE order_id = ?1 AND status = 'SUCCEEDED'")
                .setParameter(1, orderId).getSingleResult()).longValue();
    }

    /**
     * Locks the order row and returns it as it is now: an earlier read in this transaction may be stale,
     * and a locking find would hand that copy back unrefreshed.
     */
    Order lock(UUID id) {
        Order order = Order.findById(id);
        if (order == null) {
            throw ApiException.notFound("Order " + id);
        }
        em.refresh(order, LockModeType.PESSIMISTIC_WRITE);
        return order;
    }

    public List<UUID> dueForExpiry(int limit) {
        return Order.find("select o.id from Order o where o.status = ?1 and o.expiresAt <= ?2 order by o.expiresAt",
                OrderStatus.PENDING_PAYMENT, Instant.now()).project(UUID.class).page(0, limit).list();
    }

    private void paid(Order order) {
        if (order.status == OrderStatus.PENDING_PAYMENT) {
            // The calls first, the product rows last: none is locked while another service answers.
            if (!capturePoints(order)) {
                order.moveTo(OrderStatus.CANCELLED);
                refuse(order, "points hold lapsed and the points are no longer available");
                inventory.release(order.slots());
                return;
            }
            order.moveTo(OrderStatus.PAID);
            earnLoyalty(order);
            inventory.sell(order.slots());
        } else if (order.status == OrderStatus.CANCELLED || order.status == OrderStatus.EXPIRED) {
            honourLatePayment(order);
        }
    }

    /** A payment that arrived after the order lapsed: honoured only if every unit can be sold right now. */
    private void honourLatePayment(Order order) {
        OrderStatus lapsed = order.status;
        // Calls first, product rows last: a plain read says whether honouring can work, the sell decides.
        if (!inventory.allAvailable(order.slots())) {
            refuse(order, "paid after " + lapsed + " but sold out meanwhile");
            return;
        }
        if (!spendPointsAgain(order)) {
            refuse(order, "paid after " + lapsed + " but the redeemed points are no longer available");
            return;
        }
        earnLoyalty(order);
        if (!inventory.sellIfAllAvailable(order.slots())) {
            // Sold out between the read and the sell (rare): points back, loyalty back, money back.
            reversePoints(order);
            refuse(order, "paid after " + lapsed + " but sold out meanwhile");
            return;
        }
        order.moveTo(OrderStatus.PAID);
        order.note = "paid after " + lapsed + "; honoured because stock remained";
    }

    private void refuse(Order order, String why) {
        String refunded = refundPayment(order);
        order.note = join(why + "; payment refunded", refunded);
        order.updatedAt = DbTime.now();
    }

    /** Back out what a pending order holds elsewhere: stock, points hold, payment. */
    private void unwind(Order order) {
        if (order.pointsHoldId != null) {
            Reply released = Upstream.reach("points-service", () -> points.release(key(order, "points-release"), order.pointsHoldId));
            if (!released.ok()) {
                if (!"hold_not_active".equals(released.code())) {
                    throw dependencyRefused("points-service", released);
                }
                returnPointsOfACapturedHold(order);
            }
        }
        if (order.paymentId != null) {
            Reply cancelled = Upstream.reach("payment-service", () -> payments.cancel(key(order, "payment-cancel"), order.paymentId));
            // illegal_transition: the payment is no longer PENDING (it succeeded or failed); its event arrives
            // and a success is handled as a late payment.
            if (!cancelled.ok() && !"illegal_transition".equals(cancelled.code())) {
                throw dependencyRefused("payment-service", cancelled);
            }
        }
        inventory.release(order.slots()); // product rows last: none is locked while a call is in flight
    }

    private UUID holdPoints(Placement order) {
        long ttl = config.paymentTtl().plusMinutes(5).toSeconds();
        String token = caller.bearerToken();
        Reply hold = Upstream.reach("points-service", () -> points.hold(token, key(order.id(), "points-hold"),
                order.pointsAccountId(), order.pointsRedeemed(), ttl, "order " + order.orderNo()));
        if ("not_found".equals(hold.code())) {
            throw ApiException.unprocessable("points_account_not_found", "Points account " + order.pointsAccountId()
                    + " is not yours or does not exist");
        }
        if ("insufficient_points".equals(hold.code())) {
            throw ApiException.conflict("insufficient_points", "Not enough points available to redeem " + order.pointsRedeemed());
        }
        if (!hold.ok()) {
            throw dependencyRefused("points-service", hold);
        }
        return UUID.fromString(hold.text("id"));
    }

    private boolean capturePoints(Order order) {
        if (order.pointsHoldId == null) {
            return true;
        }
        Reply captured = Upstream.reach("points-service", () -> points.capture(key(order, "points-capture"), order.pointsHoldId));
        if (captured.ok()) {
            order.pointsCaptureEntry = captured.body().path("id").asLong();
            return true;
        }
        if (!"hold_not_active".equals(captured.code())) {
            throw dependencyRefused("points-service", captured);
        }
        // Not active is not "gone": it may have been captured by us already (the step committed there,
        // and our transaction rolled back). Only a hold that was released or expired is spent anew.
        return switch (holdStatus(order)) {
            case "CAPTURED" -> {
                order.pointsCaptureEntry = captureEntryOfCapturedHold(order);
                yield true;
            }
            case "RELEASED", "EXPIRED" -> spendPointsAgain(order);
            default -> throw dependencyRefused("points-service", captured);
        };
    }

    /**
     * Cancelling or expiring an order whose hold answers "not active": a hold this order already captured
     * (the capture committed at points-service, then our transaction rolled back) is given back by
     * reversing its capture entry; a released or expired hold holds nothing.
     */
    private void returnPointsOfACapturedHold(Order order) {
        String status = holdStatus(order);
        if (status.equals("RELEASED") || status.equals("EXPIRED")) {
            return;
        }
        if (!status.equals("CAPTURED")) {
            throw new ApiException(502, "dependency_refused", "Bad gateway",
                    "points-service says hold " + order.pointsHoldId + " is not active, yet it is " + status);
        }
        long entry = captureEntryOfCapturedHold(order);
        Reply back = Upstream.reach("points-service", () -> points.reverse(key(order, "points-return"), entry));
        if (!back.ok() && !"already_reversed".equals(back.code())) {
            throw dependencyRefused("points-service", back);
        }
    }

    private String holdStatus(Order order) {
        Reply hold = Upstream.reach("points-service", () -> points.hold(order.pointsHoldId));
        if (!hold.ok()) {
            throw dependencyRefused("points-service", hold);
        }
        return hold.text("status");
    }

    /** The capture is asked for again under its durable business reference: points-service answers the entry it made. */
    private long captureEntryOfCapturedHold(Order order) {
        Reply captured = Upstream.reach("points-service", () -> points.capture(key(order, "points-capture"), order.pointsHoldId));
        if (!captured.ok()) {
            throw dependencyRefused("points-service", captured);
        }
        return captured.body().path("id").asLong();
    }

    /** When the hold is gone (released or expired), the points are taken directly, if they are still there. */
    private boolean spendPointsAgain(Order order) {
        if (order.pointsRedeemed == 0) {
            return true;
        }
        Reply spent = Upstream.reach("points-service", () -> points.spend(key(order, "points-spend"),
                order.pointsAccountId, order.pointsRedeemed, "order " + order.orderNo));
        if (spent.ok()) {
            order.pointsCaptureEntry = spent.body().path("id").asLong();
            return true;
        }
        if ("insufficient_points".equals(spent.code())) {
            return false;
        }
        throw dependencyRefused("points-service", spent);
    }

    private void earnLoyalty(Order order) {
        if (order.pointsAccountId == null) {
            return;
        }
        long earned = order.amountDue().amount().setScale(0, RoundingMode.DOWN).longValueExact()
                * config.points().earnedPerCurrencyUnit();
        if (earned <= 0) {
            return;
        }
        Reply credited = Upstream.reach("points-service", () -> points.earn(key(order, "loyalty"),
                order.pointsAccountId, earned, "loyalty for order " + order.orderNo));
        if (!credited.ok()) {
            throw dependencyRefused("points-service", credited);
        }
        order.loyaltyEntry = credited.body().path("id").asLong();
    }

    /**
     * Refunds what payment-service says is still refundable, and says so. A conflict is read by its code:
     * {@code refund_exceeds_captured} means part was refunded elsewhere (the rest is refunded now), not
     * "already refunded"; {@code payment_not_refundable} is checked against the payment's real status.
     *
     * @return a note when the refund was not simply the whole amount due, else null
     */
    private String refundPayment(Order order) {
        Reply refunded = Upstream.reach("payment-service", () -> payments.refund(key(order, "refund"), order.paymentId,
                order.amountDue()));
        if (refunded.ok()) {
            return null;
        }
        switch (refunded.code()) {
            case "refund_exceeds_captured" -> {
                Money rest = order.money(new BigDecimal(refunded.text("refundable")));
                if (!rest.isPositive()) {
                    return "the payment had already been refunded in full at payment-service";
                }
                Reply restRefunded = Upstream.reach("payment-service", () -> payments.refund(
                        key(order, "refund-rest:" + rest.amount().toPlainString()), order.paymentId, rest));
                if (!restRefunded.ok()) {
                    throw dependencyRefused("payment-service", restRefunded);
                }
                return "refunded the remaining " + rest + "; " + order.amountDue().minus(rest)
                        + " had already been refunded at payment-service";
            }
            case "payment_not_refundable" -> {
                Reply payment = Upstream.reach("payment-service", () -> payments.get(order.paymentId));
                String status = payment.ok() ? payment.text("status") : "unknown";
                if ("REFUNDED".equals(status)) {
                    return "the payment had already been refunded in full at payment-service";
                }
                throw ApiException.conflict("payment_not_refundable", "payment-service will not refund payment "
                        + order.paymentId + ": it is " + status);
            }
            default -> throw dependencyRefused("payment-service", refunded);
        }
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    private void reversePoints(Order order) {
        List<String> notes = new ArrayList<>();
        if (order.pointsCaptureEntry != null) {
            Reply back = Upstream.reach("points-service", () -> points.reverse(key(order, "points-return"), order.pointsCaptureEntry));
            if (!back.ok() && !"already_reversed".equals(back.code())) {
                throw dependencyRefused("points-service", back);
            }
        }
        if (order.loyaltyEntry != null) {
            Reply takenBack = Upstream.reach("points-service", () -> points.reverse(key(order, "loyalty-reversal"), order.loyaltyEntry));
            if ("insufficient_points".equals(takenBack.code())) {
                notes.add("loyalty points already spent, not taken back");
            } else if (!takenBack.ok() && !"already_reversed".equals(takenBack.code())) {
                throw dependencyRefused("points-service", takenBack);
            }
        }
        if (!notes.isEmpty()) {
            order.note = String.join("; ", notes);
        }
    }

    private void releaseHoldQuietly(UUID orderId, UUID holdId) {
        try {
            points.release(key(orderId, "points-release"), holdId);
        } catch (RuntimeException e) {
            LOG.warnf("Hold %s of abandoned order %s not released now; it expires on its own: %s",
                    holdId, orderId, e.toString());
        }
    }

    private OrderLine line(Order order, int index, PlaceOrder.Line request) {
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
            nights = ChronoUnit.DAYS.between(request.checkIn(), request.checkOut());
            if (nights > MAX_NIGHTS) {
                throw ApiException.invalidField(field, "a stay is at most " + MAX_NIGHTS + " nights");
            }
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

    private static String key(Order order, String step) {
        return key(order.id, step);
    }

    private static String key(UUID orderId, String step) {
        return "order:" + orderId + ":" + step;
    }

    private static ApiException dependencyRefused(String service, Reply reply) {
        return new ApiException(502, "dependency_refused", "Bad gateway",
                service + " refused a step of this order (" + reply.status() + " " + reply.code() + ")");
    }
}
