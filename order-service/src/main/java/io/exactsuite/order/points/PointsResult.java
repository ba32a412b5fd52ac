package io.exactsuite.order.points;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a step at points-service came to, in the order's words rather than points-service's protocol.
 * Recorded as JSON in the order's step journal, so the type names are part of the stored format.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PointsResult.Taken.class, name = "Taken"),
        @JsonSubTypes.Type(value = PointsResult.HoldLapsed.class, name = "HoldLapsed"),
        @JsonSubTypes.Type(value = PointsResult.Unavailable.class, name = "Unavailable"),
        @JsonSubTypes.Type(value = PointsResult.Credited.class, name = "Credited"),
        @JsonSubTypes.Type(value = PointsResult.Released.class, name = "Released"),
        @JsonSubTypes.Type(value = PointsResult.HoldAlreadyCaptured.class, name = "HoldAlreadyCaptured"),
        @JsonSubTypes.Type(value = PointsResult.Reversed.class, name = "Reversed"),
        @JsonSubTypes.Type(value = PointsResult.NotReversed.class, name = "NotReversed") })
@RegisterForReflection(targets = { PointsResult.Taken.class, PointsResult.HoldLapsed.class, PointsResult.Unavailable.class,
        PointsResult.Credited.class, PointsResult.Released.class, PointsResult.HoldAlreadyCaptured.class,
        PointsResult.Reversed.class, PointsResult.NotReversed.class })
public sealed interface PointsResult {

    /** The redeemed points left the account (a capture or a direct spend); {@code entry} is the ledger entry. */
    record Taken(long entry) implements PointsResult {
    }

    /** The hold was released or expired before it could be captured: it took nothing. */
    record HoldLapsed() implements PointsResult {
    }

    /** The account no longer has the points. */
    record Unavailable() implements PointsResult {
    }

    /** Loyalty points credited by ledger entry {@code entry}; 0 when there was nothing to earn. */
    record Credited(long entry) implements PointsResult {
    }

    /** The hold holds nothing any more (released now, or lapsed before). */
    record Released() implements PointsResult {
    }

    /** Releasing found the hold captured (by an earlier attempt of this order): entry {@code entry} took the points. */
    record HoldAlreadyCaptured(long entry) implements PointsResult {
    }

    /** The entry is reversed (now or before). */
    record Reversed() implements PointsResult {
    }

    /** The entry could not be reversed, and why (loyalty points already spent). */
    record NotReversed(String why) implements PointsResult {
    }
}
