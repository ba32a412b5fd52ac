package io.exactsuite.common.metrics;

/**
 * One invariant a service audits across all its rows (a balance equals its ledger; stock counters equal the order
 * lines behind them). {@link AuditGauges} runs every check on a schedule and exports how many rows break it as
 * {@code suite_audit_inconsistencies{check}}, which must always be 0.
 */
public interface AuditCheck {

    /** A stable label value, e.g. "account-ledger". */
    String name();

    /** How many rows break the invariant, read in one statement so the answer describes one snapshot. */
    long inconsistent();
}
