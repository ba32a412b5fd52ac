package io.exactsuite.points.ledger;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.points.account.Account;
import io.exactsuite.points.account.AccountService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

    @Transactional
    public LedgerEntry earn(UUID accountId, PointsChange change) {
        Account account = accounts.lock(accountId);
        account.credit(change.points());
        return append(account, EntryType.EARN, change.points(), change.reason());
    }

    @Transactional
    public LedgerEntry spend(UUID accountId, PointsChange change) {
        Account account = accounts.lock(accountId);
        account.debit(change.points());
        return append(account, EntryType.SPEND, -change.points(), change.reason());
    }

    /** Compensates one entry exactly once; the unique reverses_entry_id column backs the check. */
    @Transactional
    public LedgerEntry reverse(long entryId) {
        UUID accountId = LedgerEntry.accountOf(entryId).orElseThrow(() -> ApiException.notFound("Entry " + entryId));
        Account account = accounts.lock(accountId);
        LedgerEntry original = LedgerEntry.findById(entryId);
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
        reversal.persist();
        return reversal;
    }

    /** Appends the entry for a change already applied to the locked {@code account}. */
    private static LedgerEntry append(Account account, EntryType type, long points, String reason) {
        LedgerEntry entry = LedgerEntry.record(account, type, points, reason);
        entry.persist();
        return entry;
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
