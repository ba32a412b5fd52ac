-- The gateway is its own server now (gateway-simulator/); its books never live here.
DROP TABLE sim_webhook;
DROP TABLE sim_refund;
DROP TABLE sim_charge;
DROP TABLE sim_chaos;

-- Every ISO 4217 currency fits: the widest minor unit in use is 4 (CLF, UYW).
ALTER TABLE payment ALTER COLUMN amount TYPE NUMERIC(24, 4);
ALTER TABLE payment ALTER COLUMN refunded_amount TYPE NUMERIC(24, 4);
ALTER TABLE refund ALTER COLUMN amount TYPE NUMERIC(24, 4);

-- A success after FAILED as well as after CANCELLED: the money moved, the owner decides.
ALTER TABLE payment RENAME COLUMN succeeded_after_cancel TO succeeded_after_failure;

-- Refunds booked but not yet confirmed by the gateway: reserved against the captured amount, not yet
-- announced. refunded_amount holds only what the gateway confirmed.
ALTER TABLE payment ADD COLUMN refunding_amount NUMERIC(24, 4) NOT NULL DEFAULT 0;
ALTER TABLE payment DROP CONSTRAINT payment_refunds_within_amount;
ALTER TABLE payment ADD CONSTRAINT payment_refunds_within_amount
    CHECK (refunded_amount >= 0 AND refunding_amount >= 0 AND refunded_amount + refunding_amount <= amount);
ALTER TABLE payment ADD CONSTRAINT payment_refunding_only_after_success
    CHECK (refunding_amount = 0 OR status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED'));

-- One payment per gateway charge, and webhooks find it by index.
ALTER TABLE payment ADD CONSTRAINT payment_one_per_charge UNIQUE (gateway_charge_id);

-- Refunds: executed outside any transaction under a lease; the gateway may confirm later or refuse.
ALTER TABLE refund DROP CONSTRAINT refund_status_known;
ALTER TABLE refund ADD CONSTRAINT refund_status_known CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED'));
ALTER TABLE refund ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE refund ADD COLUMN failure_reason TEXT;
CREATE UNIQUE INDEX refund_gateway_id ON refund (gateway_refund_id) WHERE gateway_refund_id IS NOT NULL;
DROP INDEX refund_pending;
CREATE INDEX refund_due ON refund (next_attempt_at) WHERE status = 'PENDING';

-- Outbox: a claim sets next_attempt_at = now() + lease and counts the attempt; dead letters are
-- retried on a slow schedule (next_attempt_at again) until delivered.
ALTER TABLE outbox_event ADD COLUMN dead_at TIMESTAMPTZ;
DROP INDEX outbox_event_due;
CREATE INDEX outbox_event_due ON outbox_event (next_attempt_at) WHERE status IN ('PENDING', 'DEAD');
CREATE INDEX outbox_event_undelivered ON outbox_event (payment_id, seq) WHERE status <> 'DELIVERED';
