-- The request (caller and Idempotency-Key) that began the order's change in flight, or its last one. A
-- request answered 503 is retried under the same key; if the completer finished the change meanwhile, the
-- retry is answered with the finished order instead of 409 illegal_transition.
ALTER TABLE customer_order ADD COLUMN change_request TEXT;
