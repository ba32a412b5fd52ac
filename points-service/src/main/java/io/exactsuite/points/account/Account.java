package io.exactsuite.points.account;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A points account. Callers change it only while holding its row lock; the table's CHECK
 * constraints (balance, held and available never below zero) back every rule here.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    public String ownerId;

    @Column(nullable = false)
    public long balance;

    @Column(nullable = false)
    public long held;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public long available() {
        return balance - held;
    }

    public void credit(long points) {
        balance = Math.addExact(balance, points);
    }

    public void debit(long points) {
        requireAvailable(points);
        balance -= points;
    }

    public void hold(long points) {
        requireAvailable(points);
        held += points;
    }

    public void releaseHeld(long points) {
        held -= points;
    }

    /** A captured hold leaves both the held amount and the balance. */
    public void captureHeld(long points) {
        held -= points;
        balance -= points;
    }

    private void requireAvailable(long points) {
        if (points > available()) {
            throw new ApiException(409, "insufficient_points", "Conflict",
                    "Account has " + available() + " points available, " + points + " requested");
        }
    }
}
