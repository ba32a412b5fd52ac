-- When reconciliation last asked payment-service about this order (see Reconciliation).
ALTER TABLE customer_order ADD COLUMN reconciled_at TIMESTAMPTZ;

-- Lapsed orders whose payment outcome was never heard are what reconciliation looks for.
CREATE INDEX customer_order_lapsed ON customer_order (updated_at) WHERE status IN ('CANCELLED', 'EXPIRED', 'PENDING_PAYMENT');
CREATE INDEX payment_event_order ON payment_event (order_id);
