-- Webhooks can be lost. A payment the gateway could still report paid (PENDING, or ended here while the
-- payer could still pay) is due for a question to the gateway at check_due_at; NULL once nothing is left
-- to ask (it succeeded, or it is past the sweep's horizon and was asked after its last change).
ALTER TABLE payment ADD COLUMN check_due_at TIMESTAMPTZ;
UPDATE payment SET check_due_at = now() WHERE status IN ('PENDING', 'CANCELLED', 'FAILED');
CREATE INDEX payment_check_due ON payment (check_due_at) WHERE check_due_at IS NOT NULL;
