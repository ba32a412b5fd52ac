package io.exactsuite.voting.purchase;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "vote_purchase")
public class VotePurchase extends PanacheEntityBase {

    /** Derived from the voter and their Idempotency-Key, so every retry of one request is the same purchase. */
    public static UUID idFor(String voterId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("purchase:" + voterId + ":" + idempotencyKey)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Id
    public UUID id;

    @Column(name = "contest_id", nullable = false, updatable = false)
    public UUID contestId;

    @Column(name = "contestant_id", nullable = false, updatable = false)
    public UUID contestantId;

    @Column(name = "voter_id", nullable = false, updatable = false)
    public String voterId;

    @Column(nullable = false, updatable = false)
    public int votes;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PurchaseStatus status;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "payment_reference")
    public String paymentReference;

    @Column(name = "checkout_url")
    public String checkoutUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Votes taken back from this purchase's credit by confirmed refunds; only ever raised, under the row lock. */
    @Column(name = "votes_withdrawn", nullable = false)
    public int votesWithdrawn;

    /** Late refund: calls made to payment-service, the lease of the attempt in flight, what happened last. */
    @Column(name = "refund_attempts", nullable = false)
    public int refundAttempts;

    @Column(name = "refund_claimed_until")
    public Instant refundClaimedUntil;

    @Column(name = "refund_note")
    public String refundNote;
}
