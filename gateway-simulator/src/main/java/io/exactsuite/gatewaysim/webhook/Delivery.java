package io.exactsuite.gatewaysim.webhook;

import java.time.Instant;

/**
 * One event waiting to be acknowledged. The body bytes are fixed at creation, so every copy and retry
 * carries the same event id and content; only the signature timestamp is fresh per send.
 * Mutable fields are touched by the one sender task that owns the delivery's charge in a send round.
 */
final class Delivery {

    final long sequence;
    final String eventId;
    final String type;
    final String chargeId;
    final byte[] body;
    volatile Instant dueAt; // read by the round that lists due deliveries, written by the task sending them
    volatile int copies;
    volatile int attempts;

    Delivery(long sequence, String eventId, String type, String chargeId, byte[] body, Instant dueAt, int copies) {
        this.sequence = sequence;
        this.eventId = eventId;
        this.type = type;
        this.chargeId = chargeId;
        this.body = body;
        this.dueAt = dueAt;
        this.copies = copies;
    }
}
