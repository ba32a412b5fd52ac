package io.exactsuite.payment.payment;

import io.exactsuite.common.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

/** Changed only under its row lock; CHECK constraints bound refunds by the captured amount. */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Purpose purpose;

    @Column(name = "purpose_id", nullable = false, updatable = false)
    public String purposeId;

    @Column(name = "payer_id", nullable = false, updatable = false)
    public String payerId;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(name = "refunded_amount", nullable = false)
    public BigDecimal refundedAmount;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    @Column(name = "gateway_charge_id", nullable = false, updatable = false)
    public String gatewayChargeId;

    @Column(name = "checkout_url", nullable = false, updatable = false)
    public String checkoutUrl;

    @Column(name = "succeeded_after_cancel", nullable = false)
    public boolean succeededAfterCancel;

    /** How many outbox events this payment has produced; the next one gets {@code eventCount + 1}. */
    @Column(name = "event_count", nullable = false)
    public int eventCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Money money() {
        return atScale(amount);
    }

    public Money refunded() {
        return atScale(refundedAmount);
    }

    /** What can still be refunded. */
    public Money refundable() {
        return money().minus(refunded());
    }

    public static Optional<Payment> forPurpose(Purpose purpose, String purposeId) {
        return find("purpose = ?1 and purposeId = ?2", purpose, purposeId).firstResultOptional();
    }

    public static Optional<Payment> byReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    private Money atScale(BigDecimal value) {
        Currency unit = Currency.getInstance(currency);
        return new Money(value.setScale(unit.getDefaultFractionDigits(), RoundingMode.UNNECESSARY), unit);
    }
}
