package io.exactsuite.points.ledger;

import io.exactsuite.common.mutant.Mutants;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.points.account.Account;
import io.exactsuite.points.account.AccountService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Every balance change: lock the account row, apply the rule, append the ledger entry, all in one
 * transaction. Concurrent changes to one account queue on the row lock, so each sees the last
 * committed balance; none can be lost or push the balance below zero.
 */
@ApplicationScoped
public class LedgerService {

    public static final int MAX_PAGE_SIZE = 100;

    @Inject
    AccountService accounts;
    @Inject
    EntityManager em;
    @Inject
    Mutants mutants;

    @Transactional
    public Recorded earn(UUID accountId, PointsChange change, String reference) {
        if (mutants.active(Mutants.BALANCE_READ_MODIFY_WRITE)) {
            return unlockedReadModifyWrite(accountId, EntryType.EARN, change.points(), change.reason(), reference);
        }
        Account account = accounts.lock(accountId);
        Optional<Recorded> earlier = replay(reference, EntryType.EARN, account.id, change.points(), null, null);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        account.credit(change.points());
        return append(account, EntryType.EARN, change.points(), change.reason(), reference);
    }

    @Transactional
    public Recorded spend(UUID accountId, PointsChange change, String reference) {
        if (mutants.active(Mutants.BALANCE_READ_MODIFY_WRITE)) {
            return unlockedReadModifyWrite(accountId, EntryType.SPEND, -change.points(), change.reason(), reference);
        }
        Account account = accounts.lock(accountId);
        Optional<Recorded> earlier = replay(reference, EntryType.SPEND, account.id, -change.points(), null, null);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        account.debit(change.points());
        return append(account, EntryType.SPEND, -change.points(), change.reason(), reference);
    }

    /** Compensates one entry exactly once; the unique reverses_entry_id column backs the check. */
    @Transactional
    public Recorded reverse(long entryId, String reference) {
        UUID accountId = LedgerEntry.accountOf(entryId).orElseThrow(() -> ApiException.notFound("Entry " + entryId));
        Account account = accounts.lock(accountId);
        LedgerEntry original = LedgerEntry.findById(entryId);
        Optional<Recorded> earlier = replay(reference, EntryType.REVERSAL, account.id, -original.points, null, entryId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (original.type == EntryType.REVERSAL) {
            throw ApiException.conflict("not_reversible", "Entry " + entryId + " is itself a reversal");
        }
        if (LedgerEntry.count("reversesEntryId", entryId) > 0) {
            throw ApiException.conflict("already_reversed", "Entry " + entryId + " has already been reversed");
        }
        long points = -original.points;
        if (points < 0) {
            account.debit(-points);
        } else {
            account.credit(points);
        }
        LedgerEntry reversal = LedgerEntry.record(account, EntryType.REVERSAL, points, "reversal of entry " + entryId);
        reversal.reversesEntryId = entryId;
        reversal.reference = reference;
        reversal.persist();
        return Recorded.applied(reversal);
    }

    /**
     * The entry already recorded under {@code reference}, if any, provided it is this very effect
     * (same type, account, signed points, hold and reversed entry); any other entry under the reference
     * is a 409 {@code reference_conflict}. Call it with the account locked and before applying
     * anything: a concurrent insert of the same reference either committed before the lock was
     * granted (and this query, a fresh READ COMMITTED snapshot, sees it) or, on another account,
     * fails this transaction's insert with 23505, whose retry runs this check again.
     */
    public static Optional<Recorded> replay(String reference, EntryType type, UUID accountId, long points, UUID holdId,
            Long reversesEntryId) {
        if (reference == null) {
            return Optional.empty();
        }
        Optional<LedgerEntry> existing = LedgerEntry.byReference(reference);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        LedgerEntry entry = existing.get();
        boolean same = entry.type == type && entry.accountId.equals(accountId) && entry.points == points
                && Objects.equals(entry.holdId, holdId) && Objects.equals(entry.reversesEntryId, reversesEntryId);
        if (!same) {
            throw ApiException.conflict("reference_conflict", "Business reference " + reference
                    + " already names a different ledger entry; use a new reference for a new effect");
        }
        return Optional.of(Recorded.replayed(entry));
    }

    /** Appends the entry for a change already applied to the locked {@code account}. */
    private static Recorded append(Account account, EntryType type, long points, String reason, String reference) {
        LedgerEntry entry = LedgerEntry.record(account, type, points, reason);
        entry.reference = reference;
        entry.persist();
        return Recorded.applied(entry);
    }

    /**
     * MUTANT {@value Mutants#BALANCE_READ_MODIFY_WRITE} (see {@link Mutants}), for earn and spend: the account is
     * read without its row lock, the rule applied to that possibly stale copy in Java, and the balance written back
     * as an absolute value. Concurrent changes to one account overwrite each other while every entry is still
     * appended, so the balance stops being the sum of the ledger.
     */
    private Recorded unlockedReadModifyWrite(UUID accountId, EntryType type, long points, String reason,
            String reference) {
        Account account = accounts.find(accountId); // plain read, no lock
        em.detach(account); // only the absolute UPDATE below writes the row
        Optional<Recorded> earlier = replay(reference, type, account.id, points, null, null);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (points < 0) {
            account.debit(-points);
        } else {
            account.credit(points);
        }
        em.createNativeQuery("UPDATE account SET balance = ?1 WHERE id = ?2")
                .setParameter(1, account.balance).setParameter(2, account.id).executeUpdate();
        return append(account, type, points, reason, reference);
    }

    public LedgerEntry find(long entryId) {
        LedgerEntry entry = LedgerEntry.findById(entryId);
        if (entry == null) {
            throw ApiException.notFound("Entry " + entryId);
        }
        accounts.requireAccessToItemOf(entry.accountId, "Entry " + entryId);
        return entry;
    }

    public EntryPage page(UUID accountId, int page, int size) {
        accounts.find(accountId);
        int capped = Math.min(size, MAX_PAGE_SIZE);
        var query = LedgerEntry.<LedgerEntry>find("accountId", Sort.descending("id"), accountId).page(page, capped);
        return new EntryPage(query.list().stream().map(EntryView::of).toList(), page, capped, query.count());
    }
}
