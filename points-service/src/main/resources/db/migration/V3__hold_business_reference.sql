-- A hold placed for a business effect names it (e.g. order:<id>:points-hold): at most one hold per
-- reference, ever, whatever Idempotency-Key asked for it. NULL for holds placed without one.
ALTER TABLE hold ADD COLUMN reference VARCHAR(255);
ALTER TABLE hold ADD CONSTRAINT hold_reference_unique UNIQUE (reference);

-- A reference voided before its hold was placed. A caller that gave up on a hold request whose outcome it
-- never learnt voids the reference; a request for it still on its way is refused when it arrives, so the
-- caller can forget it without leaving points held until the hold's TTL.
CREATE TABLE voided_hold_reference (
    reference  VARCHAR(255) PRIMARY KEY,
    account_id UUID         NOT NULL REFERENCES account (id),
    voided_at  TIMESTAMPTZ  NOT NULL
);
