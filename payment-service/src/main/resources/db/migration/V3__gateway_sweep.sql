-- Webhooks can be lost. A payment still open to a gateway success (PENDING, or ended by us while the
-- payer could still pay) is asked about at the gateway now and then; checked_at says when it last was.
ALTER TABLE payment ADD COLUMN checked_at TIMESTAMPTZ;
CREATE INDEX payment_unsettled ON payment (updated_at) WHERE status IN ('PENDING', 'CANCELLED', 'FAILED');
