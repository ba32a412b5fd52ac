package io.exactsuite.payment.refund;

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
@Table(name = "refund")
public class Refund extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "payment_id", nullable = false, updatable = false)
    public UUID paymentId;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RefundStatus status;

    @Column(name = "gateway_refund_id")
    public String gatewayRefundId;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** When the gateway confirmed it (SUCCEEDED) or refused it (FAILED). */
    @Column(name = "executed_at")
    public Instant executedAt;

    /** When an executor may next ask the gateway about it; a claim pushes it a lease ahead. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** Why the gateway refused it. */
    @Column(name = "failure_reason")
    public String failureReason;

    /** The gateway dedupes on this, so the refund executes there at most once however often we ask. */
    public String gatewayIdempotencyKey() {
        return "refund:" + id;
    }
}
