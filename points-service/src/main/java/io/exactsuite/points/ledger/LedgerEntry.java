package io.exactsuite.points.ledger;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.points.account.Account;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Append-only. {@code points} is signed so that an account's balance is the sum of its entries. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public EntryType type;

    @Column(nullable = false, updatable = false)
    public long points;

    @Column(name = "balance_after", nullable = false, updatable = false)
    public long balanceAfter;

    @Column(updatable = false)
    public String reason;

    @Column(name = "hold_id", updatable = false)
    public UUID holdId;

    @Column(name = "reverses_entry_id", updatable = false)
    public Long reversesEntryId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The business effect this entry records (see {@link BusinessReference}); unique, null when none was given. */
    @Column(updatable = false)
    public String reference;

    /** Records a change already applied to {@code account}, which the caller holds locked. */
    public static LedgerEntry record(Account account, EntryType type, long points, String reason) {
        LedgerEntry entry = new LedgerEntry();
        entry.accountId = account.id;
        entry.type = type;
        entry.points = points;
        entry.balanceAfter = account.balance;
        entry.reason = reason;
        entry.createdAt = DbTime.now();
        return entry;
    }

    public static Optional<LedgerEntry> byReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    public static Optional<UUID> accountOf(long entryId) {
        return find("select e.accountId from LedgerEntry e where e.id = ?1", entryId)
                .project(UUID.class).firstResultOptional();
    }
}
