package io.exactsuite.payment.outbox;

public enum OutboxStatus {
    PENDING,
    DELIVERED,
    /** Gave up after payment.outbox.max-attempts; an admin can send it back to PENDING. */
    DEAD
}
