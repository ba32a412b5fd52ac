package io.exactsuite.points.hold;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldView(UUID id, UUID accountId, long points, HoldStatus status, String reason, Instant createdAt,
        Instant expiresAt, Instant endedAt) {

    public static HoldView of(Hold hold) {
        return new HoldView(hold.id, hold.accountId, hold.points, hold.status, hold.reason, hold.createdAt,
                hold.expiresAt, hold.endedAt);
    }
}
