package io.exactsuite.points.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A ledger entry; {@code points} is signed (negative for SPEND and CAPTURE). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(Long id, UUID accountId, EntryType type, long points, long balanceAfter, String reason,
        UUID holdId, Long reversesEntryId, Instant createdAt, String reference) {

    public static EntryView of(LedgerEntry entry) {
        return new EntryView(entry.id, entry.accountId, entry.type, entry.points, entry.balanceAfter, entry.reason,
                entry.holdId, entry.reversesEntryId, entry.createdAt, entry.reference);
    }
}
