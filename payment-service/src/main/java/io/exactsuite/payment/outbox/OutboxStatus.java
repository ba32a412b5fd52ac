package io.exactsuite.payment.outbox;

public enum OutboxStatus {
    PENDING,
    DELIVERED,
    /** Gave up fast retries after payment.outbox.max-attempts; retried every dead-retry-every until delivered. */
    DEAD
}
