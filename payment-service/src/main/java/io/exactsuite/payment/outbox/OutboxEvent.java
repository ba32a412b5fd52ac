package io.exactsuite.payment.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A change the owning service must hear, committed with the change itself; delivered in seq order per payment. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "payment_id", nullable = false, updatable = false)
    public UUID paymentId;

    @Column(nullable = false, updatable = false)
    public int seq;

    @Column(name = "target_url", nullable = false, updatable = false)
    public String targetUrl;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutboxStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** When it was dead-lettered; it is still retried, slowly, until delivered. */
    @Column(name = "dead_at")
    public Instant deadAt;

    /** The trace its delivery continues: the payment's creating request's (W3C traceparent), if it had one. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** The Idempotency-Key the owner sees: derived, so a redelivery after a crash is recognised. */
    public String idempotencyKey() {
        return "payment:" + paymentId + ":event:" + seq;
    }
}
