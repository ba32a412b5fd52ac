package io.exactsuite.points.account;

import io.exactsuite.common.metrics.CountingAuditCheck;
import jakarta.enterprise.context.ApplicationScoped;

/** Every account's balance is the sum of its ledger, its held points the sum of its active holds, and never negative. */
@ApplicationScoped
public class AccountLedgerCheck extends CountingAuditCheck {

    public AccountLedgerCheck() {
        super("account-ledger", """
                SELECT count(*) FROM account a
                WHERE a.balance <> (SELECT coalesce(sum(e.points), 0) FROM ledger_entry e WHERE e.account_id = a.id)
                   OR a.held <> (SELECT coalesce(sum(h.points), 0) FROM hold h WHERE h.account_id = a.id AND h.status = 'HELD')
                   OR a.held > a.balance OR a.balance < 0""");
    }
}
