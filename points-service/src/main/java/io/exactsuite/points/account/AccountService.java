package io.exactsuite.points.account;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.db.Rows;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
public class AccountService {

    @Inject
    Caller caller;
    @Inject
    EntityManager em;

    /** One account per owner; a user may open only their own. */
    @Transactional
    public Account open(OpenAccount request) {
        if (!caller.mayActFor(request.ownerId())) {
            throw new ApiException(403, "forbidden", "Forbidden", "A user may open an account only for themselves");
        }
        if (Account.count("ownerId", request.ownerId()) > 0) {
            throw accountExists(request.ownerId());
        }
        Account account = new Account();
        account.ownerId = request.ownerId();
        account.createdAt = DbTime.now();
        // A concurrent open for the same owner loses on the unique owner_id; the retried transaction
        // then answers account_exists from the check above.
        account.persist();
        return account;
    }

    /** Reads without locking; someone else's account answers 404. */
    public Account find(UUID id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw ApiException.notFound("Account " + id);
        }
        return accessible(account);
    }

    /**
     * Takes the account's row lock for the rest of the transaction: every balance change goes through here.
     * Re-reads under the lock, since the caller's transaction may already hold an older copy.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account lock(UUID id) {
        return accessible(Rows.lockFresh(em, Account.class, id, "Account"));
    }

    /** For holds and entries: someone else's answers 404, exactly like a missing one. */
    public void requireAccessToItemOf(UUID accountId, String item) {
        Account account = Account.findById(accountId);
        caller.requireAccessTo(account.ownerId, item);
    }

    /** Someone else's account answers 404, exactly like a missing one. */
    private Account accessible(Account account) {
        caller.requireAccessTo(account.ownerId, "Account " + account.id);
        return account;
    }

    /** Reads balance, held and both sums in one statement, so they describe one snapshot. */
    @Transactional
    public AuditView audit(UUID id) {
        find(id);
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT a.balance,
                       (SELECT coalesce(sum(e.points), 0) FROM ledger_entry e WHERE e.account_id = a.id),
                       a.held,
                       (SELECT coalesce(sum(h.points), 0) FROM hold h WHERE h.account_id = a.id AND h.status = 'HELD')
                FROM account a WHERE a.id = ?1""").setParameter(1, id).getSingleResult();
        return AuditView.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue());
    }

    private static ApiException accountExists(String ownerId) {
        return ApiException.conflict("account_exists", "Owner " + ownerId + " already has an account");
    }
}
