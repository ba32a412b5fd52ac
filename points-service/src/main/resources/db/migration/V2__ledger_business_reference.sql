-- Durable business keys: the business effect an entry records (e.g. order:42:capture). Unique, so a
-- step replayed long after its Idempotency-Key record expired still finds the entry instead of
-- applying the effect twice. NULL for entries written without a reference (UNIQUE allows many NULLs).
ALTER TABLE ledger_entry ADD COLUMN reference VARCHAR(255);
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_reference_unique UNIQUE (reference);
