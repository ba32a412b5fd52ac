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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** Refunds booked but not yet confirmed by the gateway; they already count against what can be refunded. */
    @Column(name = "refunding_amount", nullable = false)
    public BigDecimal refundingAmount;

    /** The gateway reported success after this payment had FAILED or been CANCELLED. */
    @Column(name = "succeeded_after_failure", nullable = false)
    public boolean succeededAfterFailure;

    /** How many outbox events this payment has produced; the next one gets {@code eventCount + 1}. */
    @Column(name = "event_count", nullable = false)
    public int eventCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the gateway sweep is next to ask about this payment; null when nothing is left to ask. */
    @Column(name = "check_due_at")
    public Instant checkDueAt;

    /** The W3C traceparent of the request that created it; its outbox events continue that trace. */
    @Column(name = "trace_parent")
    public String traceParent;

    public Money money() {
        return atScale(amount);
    }

    public Money refunded() {
        return atScale(refundedAmount);
    }

    public Money refunding() {
        return atScale(refundingAmount);
    }

    /** What can still be refunded: captured, less what is refunded or being refunded. */
    public Money refundable() {
        return money().minus(refunded()).minus(refunding());
    }

    /** Derived from the purpose, so a create retried after a crash or by another replica is the same payment. */
    public static UUID idFor(Purpose purpose, UUID purposeId) {
        return UUID.nameUUIDFromBytes(("payment:" + purpose + ":" + purposeId).getBytes(StandardCharsets.UTF_8));
    }

    /** A readable reference derived from the id (the gateway sees it, so a retry must send the same one). */
    public static String referenceFor(UUID id) {
        byte[] digest = sha256("reference:" + id);
        char[] code = new char[20];
        for (int i = 0; i < code.length; i++) {
            code[i] = CROCKFORD.charAt((digest[i] & 0xff) % 32);
        }
        return "pay_" + new String(code);
    }

    public static Optional<Payment> forPurpose(Purpose purpose, UUID purposeId) {
        return find("purpose = ?1 and purposeId = ?2", purpose, purposeId.toString()).firstResultOptional();
    }

    public static Optional<Payment> byGatewayCharge(String chargeId) {
        return find("gatewayChargeId", chargeId).firstResultOptional();
    }

    public static Optional<Payment> byReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Money atScale(BigDecimal value) {
        Currency unit = Currency.getInstance(currency);
        return new Money(value.setScale(unit.getDefaultFractionDigits(), RoundingMode.UNNECESSARY), unit);
    }
}
