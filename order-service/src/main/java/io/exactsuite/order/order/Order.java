package io.exactsuite.order.order;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.order.inventory.Slot;
import io.exactsuite.order.points.PointsSteps;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Changed only under its row lock; {@code @Version} makes every transition happen at most once. */
@Entity
@Table(name = "customer_order")
public class Order extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "order_no", nullable = false, updatable = false)
    public String orderNo;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(nullable = false, updatable = false)
    public BigDecimal total;

    @Column(name = "points_redeemed", nullable = false, updatable = false)
    public long pointsRedeemed;

    @Column(name = "amount_due", nullable = false, updatable = false)
    public BigDecimal amountDue;

    @Column(name = "points_account_id", updatable = false)
    public UUID pointsAccountId;

    @Column(name = "points_hold_id")
    public UUID pointsHoldId;

    /** Idempotency-Key and business reference of this placement's hold; see {@link PointsSteps#holdKey}. */
    @Column(name = "points_hold_key")
    public String pointsHoldKey;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "payment_reference")
    public String paymentReference;

    @Column(name = "checkout_url")
    public String checkoutUrl;

    @Column(name = "points_capture_entry")
    public Long pointsCaptureEntry;

    @Column(name = "loyalty_entry")
    public Long loyaltyEntry;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    /** The change in flight (its steps are in order_step), null when the order is at rest. */
    @Enumerated(EnumType.STRING)
    public Transition transition;

    /** When the completer may take up the change in flight, if whoever started it has not finished it. */
    @Column(name = "transition_due_at")
    public Instant transitionDueAt;

    @Column(name = "transition_attempts", nullable = false)
    public int transitionAttempts;

    /** Why the change in flight last stopped short, for operators. */
    @Column(name = "transition_error")
    public String transitionError;

    /** The request (caller and Idempotency-Key) that began the change in flight or the last one; null for the suite's own. */
    @Column(name = "change_request")
    public String changeRequest;

    /** Why the order is where it is, when that is not obvious (a refunded late payment, a failed payment). */
    public String note;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
    @OrderBy("lineNo")
    public List<OrderLine> lines = new ArrayList<>();

    /** Derived from who placed it and their Idempotency-Key, so every retry of one request is the same order. */
    public static UUID idFor(String customerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("order:" + customerId + ":" + idempotencyKey)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Money total() {
        return money(total);
    }

    /** This placement's hold key; orders placed before the column existed used the order's own. */
    public String pointsHoldKey() {
        return pointsHoldKey != null || pointsRedeemed == 0 ? pointsHoldKey : PointsSteps.legacyHoldKey(id);
    }

    public Money amountDue() {
        return money(amountDue);
    }

    public List<Slot> slots() {
        return lines.stream().flatMap(line -> line.slots().stream()).toList();
    }

    /** The only way status changes: illegal moves are 409 illegal_transition. */
    public void moveTo(OrderStatus next) {
        checkCanBecome(next);
        status = next;
        updatedAt = DbTime.now();
    }

    public Money money(BigDecimal amount) {
        return Money.ofColumns(amount, currency);
    }

    /** Whether {@code next} could follow the status now, without moving there. */
    public void checkCanBecome(OrderStatus next) {
        if (!status.canBecome(next)) {
            throw ApiException.conflict("illegal_transition", "Order " + orderNo + " is " + status + ", not " + next + "-able");
        }
    }
}
