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
}
