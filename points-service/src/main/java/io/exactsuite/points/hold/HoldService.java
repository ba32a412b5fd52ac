package io.exactsuite.points.hold;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.db.Rows;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.points.account.Account;
import io.exactsuite.points.account.AccountService;
import io.exactsuite.points.ledger.EntryType;
import io.exactsuite.points.ledger.LedgerEntry;
import io.exactsuite.points.ledger.LedgerService;
import io.exactsuite.points.ledger.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Two-phase spending. Lock order is always account, then hold, so capture, release and the expiry
 * job can race on one hold without deadlocking; whichever locks first ends it, the rest get 409.
 */
@ApplicationScoped
public class HoldService {

    @Inject
    AccountService accounts;
    @Inject
    EntityManager em;

    /**
     * Places the hold. Under a business reference at most one hold is ever placed: a repeat answers the hold
     * placed before ({@code replayed}), and a reference voided earlier is refused with 409 hold_voided. The
     * account's row lock, taken first, orders this against {@link #voidReference}.
     */
    @Transactional
    public Placed place(UUID accountId, PlaceHold request, String reference) {
        Account account = accounts.lock(accountId);
        if (reference != null) {
            if (VoidedHoldReference.findById(reference) != null) {
                throw ApiException.conflict("hold_voided", "Hold reference " + reference
                        + " was voided by the service that asked for it; no hold is placed under it");
            }
            Optional<Hold> earlier = Hold.byReference(reference);
            if (earlier.isPresent()) {
                Hold hold = earlier.get();
                if (!hold.accountId.equals(account.id) || hold.points != request.points()) {
                    throw referenceConflict(reference);
                }
                return new Placed(hold, true);
            }
        }
        account.hold(request.points());
        Hold hold = new Hold();
        hold.accountId = account.id;
        hold.points = request.points();
        hold.status = HoldStatus.HELD;
        hold.reason = request.reason();
        hold.reference = reference;
        hold.createdAt = DbTime.now();
        hold.expiresAt = hold.createdAt.plusSeconds(request.ttlSeconds());
        hold.persist();
        return new Placed(hold, false);
    }

    /**
     * For a caller that gave up on a hold request without learning its outcome: releases the hold placed under
     * {@code reference} if it is still held, and when none was placed, records the reference as voided so that
     * a request for it still on its way is refused. Either way the caller may forget the hold afterwards.
     */
    @Transactional
    public HoldVoidView voidReference(UUID accountId, String reference) {
        Account account = accounts.lock(accountId);
        Optional<Hold> placed = Hold.byReference(reference);
        if (placed.isPresent()) {
            if (!placed.get().accountId.equals(account.id)) {
                throw referenceConflict(reference);
            }
            Hold hold = Rows.lockFresh(em, Hold.class, placed.get().id, "Hold");
            if (hold.status == HoldStatus.HELD) {
                hold.end(HoldStatus.RELEASED, DbTime.now());
                account.releaseHeld(hold.points);
            }
            return HoldVoidView.of(hold);
        }
        VoidedHoldReference voided = VoidedHoldReference.findById(reference);
        if (voided == null) {
            voided = new VoidedHoldReference();
            voided.reference = reference;
            voided.accountId = account.id;
            voided.voidedAt = DbTime.now();
            voided.persist();
        } else if (!voided.accountId.equals(account.id)) {
            throw referenceConflict(reference);
        }
        return HoldVoidView.voided(voided);
    }

    private static ApiException referenceConflict(String reference) {
        return ApiException.conflict("reference_conflict", "Business reference " + reference
                + " already names a different hold; use a new reference for a new hold");
    }

    /**
     * The held points leave the balance, with one CAPTURE ledger entry (unique per hold). With a
     * business reference that already names this hold's capture, answers that entry and changes nothing.
     */
    @Transactional
    public Recorded capture(UUID holdId, String reference) {
        Instant now = DbTime.now();
        Locked locked = lock(holdId);
        Optional<Recorded> earlier = LedgerService.replay(reference, EntryType.CAPTURE, locked.account.id,
                -locked.hold.points, holdId, null);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (!locked.hold.isActiveAt(now)) {
            throw new ApiException(409, "hold_not_active", "Conflict", "Hold " + holdId + " is "
                    + (locked.hold.status == HoldStatus.HELD ? "past its expiry" : "already " + locked.hold.status));
        }
        locked.hold.end(HoldStatus.CAPTURED, now);
        locked.account.captureHeld(locked.hold.points);
        LedgerEntry entry = LedgerEntry.record(locked.account, EntryType.CAPTURE, -locked.hold.points, locked.hold.reason);
        entry.holdId = holdId;
        entry.reference = reference;
        entry.persist();
        return Recorded.applied(entry);
    }

    @Transactional
    public Hold release(UUID holdId) {
        Locked locked = lock(holdId);
        locked.hold.end(HoldStatus.RELEASED, DbTime.now());
        locked.account.releaseHeld(locked.hold.points);
        return locked.hold;
    }

    /** Called by the expiry job for one due hold; a hold that ended meanwhile is left alone. */
    @Transactional
    public boolean expire(UUID holdId) {
        UUID accountId = Hold.accountOf(holdId).orElse(null);
        if (accountId == null) {
            return false;
        }
        // No caller to check access for: the job locks the rows directly, in the usual order.
        Account account = Rows.lockFresh(em, Account.class, accountId, "Account");
        Hold hold = Rows.lockFresh(em, Hold.class, holdId, "Hold");
        Instant now = DbTime.now();
        if (hold.status != HoldStatus.HELD || hold.isActiveAt(now)) {
            return false;
        }
        hold.end(HoldStatus.EXPIRED, now);
        account.releaseHeld(hold.points);
        return true;
    }

    public Hold find(UUID holdId) {
        Hold hold = Hold.findById(holdId);
        if (hold == null) {
            throw ApiException.notFound("Hold " + holdId);
        }
        accounts.requireAccessToItemOf(hold.accountId, "Hold " + holdId);
        return hold;
    }

    private Locked lock(UUID holdId) {
        UUID accountId = Hold.accountOf(holdId).orElseThrow(() -> ApiException.notFound("Hold " + holdId));
        Account account = accounts.lock(accountId);
        Hold hold = Rows.lockFresh(em, Hold.class, holdId, "Hold");
        return new Locked(account, hold);
    }

    /** A hold and whether it was placed by an earlier request under the same business reference. */
    public record Placed(Hold hold, boolean replayed) {
    }

    private record Locked(Account account, Hold hold) {
    }
}
