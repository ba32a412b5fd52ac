package io.exactsuite.gatewaysim.webhook;

import java.time.Instant;

/**
 * One event waiting to be acknowledged. The body bytes are fixed at creation, so every copy and retry
 * carries the same event id and content; only the signature timestamp is fresh per send.
 * Mutable fields are touched by the single sender run only.
 */
final class Delivery {

    final long sequence;
    final String eventId;
    final String type;
    final byte[] body;
    Instant dueAt;
    int copies;
    int attempts;

    Delivery(long sequence, String eventId, String type, byte[] body, Instant dueAt, int copies) {
        this.sequence = sequence;
        this.eventId = eventId;
        this.type = type;
        this.body = body;
        this.dueAt = dueAt;
        this.copies = copies;
    }
}
