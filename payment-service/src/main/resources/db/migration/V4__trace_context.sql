-- The W3C traceparent of the request that created a payment, copied onto each of its outbox events, so a delivery
-- made later by the dispatcher continues that request's trace (docs: deploy/RUNBOOK.md, observability).
ALTER TABLE payment ADD COLUMN trace_parent VARCHAR(55);
ALTER TABLE outbox_event ADD COLUMN trace_parent VARCHAR(55);
