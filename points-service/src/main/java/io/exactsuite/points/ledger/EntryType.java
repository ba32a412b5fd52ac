package io.exactsuite.points.ledger;

public enum EntryType {
    EARN,
    SPEND,
    /** A hold taken for good: its points leave the balance. */
    CAPTURE,
    /** Compensates exactly one earlier entry (a refund); at most one per entry. */
    REVERSAL
}
