package io.exactsuite.points.hold;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A hold reference voided before any hold was placed under it: no hold is ever placed under it afterwards. */
@Entity
@Table(name = "voided_hold_reference")
public class VoidedHoldReference extends PanacheEntityBase {

    @Id
    public String reference;

    @Column(name = "account_id", nullable = false, updatable = false)
    public UUID accountId;

    @Column(name = "voided_at", nullable = false, updatable = false)
    public Instant voidedAt;
}
