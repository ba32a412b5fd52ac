package io.exactsuite.points.account;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** balance must equal the ledger's sum, and held the sum of active holds. */
@RegisterForReflection
public record AuditView(long balance, long ledgerSum, long held, long activeHoldsSum, boolean consistent) {

    public static AuditView of(long balance, long ledgerSum, long held, long activeHoldsSum) {
        return new AuditView(balance, ledgerSum, held, activeHoldsSum, balance == ledgerSum && held == activeHoldsSum);
    }
}
