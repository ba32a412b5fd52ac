CREATE TABLE contest (
    id             UUID          PRIMARY KEY,
    name           VARCHAR(255)  NOT NULL,
    opens_at       TIMESTAMPTZ   NOT NULL,
    closes_at      TIMESTAMPTZ   NOT NULL,
    price_per_vote NUMERIC(20, 3) NOT NULL,
    currency       CHAR(3)       NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    CONSTRAINT contest_window CHECK (closes_at > opens_at),
    CONSTRAINT contest_price_positive CHECK (price_per_vote > 0)
);

CREATE TABLE contestant (
    id         UUID          PRIMARY KEY,
    contest_id UUID          NOT NULL REFERENCES contest (id),
    name       VARCHAR(255)  NOT NULL,
    position   INTEGER       NOT NULL,
    UNIQUE (contest_id, position)
);

-- The tally, striped: a credit adds to one random stripe, a read sums them. One hot contestant's
-- credits spread over several rows instead of queueing on one row lock.
CREATE TABLE tally_stripe (
    contestant_id UUID     NOT NULL REFERENCES contestant (id),
    stripe        SMALLINT NOT NULL,
    votes         BIGINT   NOT NULL DEFAULT 0,
    PRIMARY KEY (contestant_id, stripe)
);

CREATE TABLE vote_purchase (
    id                UUID          PRIMARY KEY,
    contest_id        UUID          NOT NULL REFERENCES contest (id),
    contestant_id     UUID          NOT NULL REFERENCES contestant (id),
    voter_id          VARCHAR(255)  NOT NULL,
    votes             INTEGER       NOT NULL,
    amount            NUMERIC(20, 3) NOT NULL,
    currency          CHAR(3)       NOT NULL,
    status            VARCHAR(24)   NOT NULL,
    payment_id        UUID,
    payment_reference VARCHAR(64),
    checkout_url      TEXT,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT vote_purchase_votes_range CHECK (votes BETWEEN 1 AND 10000),
    CONSTRAINT vote_purchase_status_known CHECK (status IN ('PENDING_PAYMENT', 'CREDITED', 'FAILED', 'REFUNDED'))
);

CREATE INDEX vote_purchase_voter ON vote_purchase (voter_id, created_at DESC);

-- Votes are credited once per purchase: this primary key is the guarantee, whichever door
-- (payment event or verify) and however many times.
CREATE TABLE vote_credit (
    purchase_id   UUID        PRIMARY KEY REFERENCES vote_purchase (id),
    contestant_id UUID        NOT NULL REFERENCES contestant (id),
    votes         INTEGER     NOT NULL,
    credited_at   TIMESTAMPTZ NOT NULL,
    withdrawn_at  TIMESTAMPTZ
);

CREATE INDEX vote_credit_contestant ON vote_credit (contestant_id);

CREATE TABLE payment_event (
    event_id    VARCHAR(255) PRIMARY KEY,
    purchase_id UUID         NOT NULL REFERENCES vote_purchase (id),
    status      VARCHAR(24)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);
