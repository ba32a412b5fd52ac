-- Points are whole numbers. The constraints are the guarantee; service code checks first only to
-- answer with a precise error.
CREATE TABLE account (
    id         UUID         PRIMARY KEY,
    owner_id   VARCHAR(255) NOT NULL UNIQUE,
    balance    BIGINT       NOT NULL DEFAULT 0,
    held       BIGINT       NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT account_balance_not_negative CHECK (balance >= 0),
    CONSTRAINT account_held_not_negative CHECK (held >= 0),
    CONSTRAINT account_available_not_negative CHECK (balance - held >= 0)
);

CREATE TABLE hold (
    id         UUID         PRIMARY KEY,
    account_id UUID         NOT NULL REFERENCES account (id),
    points     BIGINT       NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    reason     VARCHAR(500),
    created_at TIMESTAMPTZ  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    ended_at   TIMESTAMPTZ,
    CONSTRAINT hold_points_positive CHECK (points > 0),
    CONSTRAINT hold_status_known CHECK (status IN ('HELD', 'CAPTURED', 'RELEASED', 'EXPIRED')),
    CONSTRAINT hold_ended_iff_not_held CHECK ((status = 'HELD') = (ended_at IS NULL))
);

CREATE INDEX hold_account ON hold (account_id);
CREATE INDEX hold_due ON hold (expires_at) WHERE status = 'HELD';

-- Append-only: points is signed, so balance = sum(points) per account.
CREATE TABLE ledger_entry (
    id                BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id        UUID         NOT NULL REFERENCES account (id),
    type              VARCHAR(16)  NOT NULL,
    points            BIGINT       NOT NULL,
    balance_after     BIGINT       NOT NULL,
    reason            VARCHAR(500),
    hold_id           UUID         UNIQUE REFERENCES hold (id),
    reverses_entry_id BIGINT       UNIQUE REFERENCES ledger_entry (id),
    created_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ledger_entry_type_known CHECK (type IN ('EARN', 'SPEND', 'CAPTURE', 'REVERSAL')),
    CONSTRAINT ledger_entry_points_not_zero CHECK (points <> 0),
    CONSTRAINT ledger_entry_balance_after_not_negative CHECK (balance_after >= 0),
    CONSTRAINT ledger_entry_capture_names_hold CHECK ((type = 'CAPTURE') = (hold_id IS NOT NULL)),
    CONSTRAINT ledger_entry_reversal_names_entry CHECK ((type = 'REVERSAL') = (reverses_entry_id IS NOT NULL))
);

CREATE INDEX ledger_entry_account_newest ON ledger_entry (account_id, id DESC);
