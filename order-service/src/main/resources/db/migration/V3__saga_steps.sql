-- A change that calls other services runs as recorded steps (OrderSaga). The change in flight is named on
-- the order; the completer takes up any left unfinished once transition_due_at has passed.
ALTER TABLE customer_order
    ADD COLUMN transition          VARCHAR(24),
    ADD COLUMN transition_due_at   TIMESTAMPTZ,
    ADD COLUMN transition_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN transition_error    TEXT,
    ADD CONSTRAINT customer_order_transition_known CHECK (transition IS NULL OR transition IN ('PLACE', 'PAY',
        'LATE_PAY', 'CANCEL', 'EXPIRE', 'PAYMENT_FAILED', 'REFUND', 'REFUNDED_AT_PAYMENT')),
    ADD CONSTRAINT customer_order_transition_due CHECK (transition IS NULL OR transition_due_at IS NOT NULL);

CREATE INDEX customer_order_in_flight ON customer_order (transition_due_at) WHERE transition IS NOT NULL;

-- Each remote step's result, recorded once (the first record wins) and read back on every replay:
-- a step whose result is here is never made again, whatever rolled back after it.
CREATE TABLE order_step (
    order_id    UUID          NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    step        VARCHAR(64)   NOT NULL,
    result      TEXT          NOT NULL,
    recorded_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (order_id, step)
);

-- An event that arrives while another change is in flight waits (applied_at null) and is applied when it finishes.
ALTER TABLE payment_event ADD COLUMN applied_at TIMESTAMPTZ;
UPDATE payment_event SET applied_at = received_at;
CREATE INDEX payment_event_waiting ON payment_event (order_id, received_at) WHERE applied_at IS NULL;
