-- Partial refunds withdraw votes; late payments are refunded automatically.

-- Votes withdrawn from this purchase's credit so far. Only ever raised, under the purchase's row
-- lock, to the target the cumulative refunded amount sets; the tally moved by the same amount in
-- the same transaction, so tally = Σ (credited votes − votes withdrawn).
ALTER TABLE vote_purchase ADD COLUMN votes_withdrawn INTEGER NOT NULL DEFAULT 0;
UPDATE vote_purchase p SET votes_withdrawn = c.votes
FROM vote_credit c WHERE c.purchase_id = p.id AND c.withdrawn_at IS NOT NULL;
ALTER TABLE vote_purchase ADD CONSTRAINT vote_purchase_withdrawn_range CHECK (votes_withdrawn BETWEEN 0 AND votes);

-- The automatic refund of a payment that succeeded after the contest's payment deadline.
ALTER TABLE vote_purchase ADD COLUMN refund_attempts      INTEGER     NOT NULL DEFAULT 0;
ALTER TABLE vote_purchase ADD COLUMN refund_claimed_until TIMESTAMPTZ;
ALTER TABLE vote_purchase ADD COLUMN refund_note          TEXT;

ALTER TABLE vote_purchase DROP CONSTRAINT vote_purchase_status_known;
ALTER TABLE vote_purchase ADD CONSTRAINT vote_purchase_status_known CHECK (status IN (
    'PENDING_PAYMENT', 'CREDITED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED',
    'LATE_REFUND_DUE', 'LATE_REFUND_REQUESTED', 'LATE_REFUND_FAILED'));

-- A purchase whose votes are (partly) withdrawn was credited first.
ALTER TABLE vote_purchase ADD CONSTRAINT vote_purchase_withdrawn_only_if_credited
    CHECK (votes_withdrawn = 0 OR status IN ('PARTIALLY_REFUNDED', 'REFUNDED'));

-- What the late-refund job claims.
CREATE INDEX vote_purchase_late_refund_due ON vote_purchase (updated_at) WHERE status = 'LATE_REFUND_DUE';
