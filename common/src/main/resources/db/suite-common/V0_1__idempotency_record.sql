-- Idempotency-Key records: one per (caller, key). Written in the same transaction as the effect,
-- so the uncommitted row is also what a concurrent duplicate waits on.
CREATE TABLE idempotency_record (
    caller        VARCHAR(255) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   CHAR(64)     NOT NULL,
    status_code   INTEGER,
    response_body TEXT,
    location      TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, idem_key)
);

CREATE INDEX idempotency_record_expires_at ON idempotency_record (expires_at);
