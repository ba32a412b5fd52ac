package io.exactsuite.points.hold;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Points set aside for a checkout: they stay in the balance but are no longer available. */
@Entity
@Table(name = "hold")
public class Hold extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public UUID accountId;

    @Column(nullable = false, updatable = false)
    public long points;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HoldStatus status;

    @Column(updatable = false)
    public String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** The business effect this hold was placed for; unique, null when placed without one. */
    @Column(updatable = false)
    public String reference;

    public boolean isActiveAt(Instant now) {
        return status == HoldStatus.HELD && now.isBefore(expiresAt);
    }

    /** Ends the hold; only a HELD hold can end, and only once. */
    public void end(HoldStatus outcome, Instant now) {
        if (status != HoldStatus.HELD) {
            throw new ApiException(409, "hold_not_active", "Conflict", "Hold " + id + " is already " + status);
        }
        status = outcome;
        endedAt = now;
    }

    public static Optional<Hold> byReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    public static Optional<UUID> accountOf(UUID holdId) {
        return find("select h.accountId from Hold h where h.id = ?1", holdId).project(UUID.class).firstResultOptional();
    }

    public static List<UUID> dueForExpiry(Instant now, int limit) {
        return find("select h.id from Hold h where h.status = ?1 and h.expiresAt <= ?2 order by h.expiresAt",
                HoldStatus.HELD, now).project(UUID.class).page(0, limit).list();
    }
}
