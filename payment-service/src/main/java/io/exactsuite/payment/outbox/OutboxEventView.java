package io.exactsuite.payment.outbox;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
public record OutboxEventView(Long id, UUID paymentId, int seq, String idempotencyKey, String targetUrl,
        OutboxStatus status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
        Instant deliveredAt, String payload) {

    public static OutboxEventView of(OutboxEvent event) {
        return new OutboxEventView(event.id, event.paymentId, event.seq, event.idempotencyKey(), event.targetUrl,
                event.status, event.attempts, event.nextAttemptAt, event.lastError, event.createdAt, event.deliveredAt,
                event.payload);
    }
}
