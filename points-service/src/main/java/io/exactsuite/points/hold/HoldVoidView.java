package io.exactsuite.points.hold;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/**
 * What voiding a hold reference found: the hold placed under it (now RELEASED, or already CAPTURED or EXPIRED),
 * or {@code VOIDED} with no hold when none had been placed, and none ever will be.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldVoidView(String reference, UUID accountId, String status, UUID holdId) {

    public static final String VOIDED = "VOIDED";

    static HoldVoidView of(Hold hold) {
        return new HoldVoidView(hold.reference, hold.accountId, hold.status.name(), hold.id);
    }

    static HoldVoidView voided(VoidedHoldReference voided) {
        return new HoldVoidView(voided.reference, voided.accountId, VOIDED, null);
    }
}
