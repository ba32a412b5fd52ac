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

    @Transactional
    public Hold place(UUID accountId, PlaceHold request) {
        Account account = accounts.lock(accountId);
        account.hold(request.points());
        Hold hold = new Hold();
        hold.accountId = account.id;
        hold.points = request.points();
        hold.status = HoldStatus.HELD;
        hold.reason = request.reason();
        hold.createdAt = DbTime.now();
        hold.expiresAt = hold.createdAt.plusSeconds(request.ttlSeconds());
        hold.persist();
        return hold;
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

    private record Locked(Account account, Hold hold) {
    }
}
