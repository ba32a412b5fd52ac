package io.exactsuite.points.ledger;

import io.exactsuite.common.idempotency.Outcome;
import jakarta.ws.rs.core.Response;

/**
 * A ledger entry a request produced: {@code replayed} when its business reference named an entry
 * that already existed, so nothing was applied this time.
 */
public record Recorded(LedgerEntry entry, boolean replayed) {

    public static Recorded applied(LedgerEntry entry) {
        return new Recorded(entry, false);
    }

    public static Recorded replayed(LedgerEntry entry) {
        return new Recorded(entry, true);
    }

    /** 201 with Location for a new entry; 200 with the existing entry for a business replay. */
    public Outcome outcome() {
        EntryView view = EntryView.of(entry);
        return replayed ? Outcome.ok(view) : Outcome.created(view, "/entries/" + entry.id);
    }

    /**
     * Marks a business replay with {@code Business-Replayed: true}. Entry-creating endpoints answer 200
     * only for one, whether it happened now or is being replayed from the Idempotency-Key record.
     */
    public static Response marked(Response response) {
        if (response.getStatus() == 200) {
            return Response.fromResponse(response).header(BusinessReference.REPLAYED_HEADER, "true").build();
        }
        return response;
    }
}
