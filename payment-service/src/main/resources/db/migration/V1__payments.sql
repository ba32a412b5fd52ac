-- Amounts are exact NUMERIC at the currency's minor-unit scale; the constraints are the guarantee.
CREATE TABLE payment (
    id                 UUID          PRIMARY KEY,
    reference          VARCHAR(40)   NOT NULL UNIQUE,
    purpose            VARCHAR(16)   NOT NULL,
    purpose_id         VARCHAR(255)  NOT NULL,
    payer_id           VARCHAR(255)  NOT NULL,
    amount             NUMERIC(20, 3) NOT NULL,
    refunded_amount    NUMERIC(20, 3) NOT NULL DEFAULT 0,
    currency           CHAR(3)       NOT NULL,
    status             VARCHAR(24)   NOT NULL,
    gateway_charge_id  VARCHAR(255)  NOT NULL,
    checkout_url       TEXT          NOT NULL,
    succeeded_after_cancel BOOLEAN   NOT NULL DEFAULT FALSE,
    event_count        INTEGER       NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT payment_one_per_purpose UNIQUE (purpose, purpose_id),
    CONSTRAINT payment_purpose_known CHECK (purpose IN ('ORDER', 'VOTES')),
    CONSTRAINT payment_status_known CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED',
        'PARTIALLY_REFUNDED', 'REFUNDED')),
    CONSTRAINT payment_amount_positive CHECK (amount > 0),
    CONSTRAINT payment_refunds_within_amount CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CONSTRAINT payment_refunded_only_after_success CHECK (refunded_amount = 0 OR status IN ('PARTIALLY_REFUNDED', 'REFUNDED'))
);

CREATE TABLE refund (
    id                UUID          PRIMARY KEY,
    payment_id        UUID          NOT NULL REFERENCES payment (id),
    amount            NUMERIC(20, 3) NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    gateway_refund_id VARCHAR(255),
    attempts          INTEGER       NOT NULL DEFAULT 0,
    last_error        TEXT,
    created_at        TIMESTAMPTZ   NOT NULL,
    executed_at       TIMESTAMPTZ,
    CONSTRAINT refund_amount_positive CHECK (amount > 0),
    CONSTRAINT refund_status_known CHECK (status IN ('PENDING', 'SUCCEEDED'))
);

CREATE INDEX refund_payment ON refund (payment_id);
CREATE INDEX refund_pending ON refund (created_at) WHERE status = 'PENDING';

-- Each gateway event is processed once: the insert commits with the change it caused.
CREATE TABLE webhook_event (
    event_id     VARCHAR(255) PRIMARY KEY,
    type         VARCHAR(64)  NOT NULL,
    charge_id    VARCHAR(255) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);

-- What the owning service must hear, written in the same transaction as the change.
CREATE TABLE outbox_event (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id      UUID         NOT NULL REFERENCES payment (id),
    seq             INTEGER      NOT NULL,
    target_url      TEXT         NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT outbox_event_in_sequence UNIQUE (payment_id, seq),
    CONSTRAINT outbox_event_status_known CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD'))
);

CREATE INDEX outbox_event_due ON outbox_event (next_attempt_at) WHERE status = 'PENDING';

-- The built-in simulated gateway's own books (a real gateway keeps these on its side).
CREATE TABLE sim_charge (
    id            VARCHAR(64)   PRIMARY KEY,
    reference     VARCHAR(40)   NOT NULL UNIQUE,
    amount        NUMERIC(20, 3) NOT NULL,
    currency      CHAR(3)       NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    captures      INTEGER       NOT NULL DEFAULT 0,
    fetches       INTEGER       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT sim_charge_status_known CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED')),
    CONSTRAINT sim_charge_captured_at_most_once CHECK (captures <= 1)
);

CREATE TABLE sim_refund (
    idempotency_key VARCHAR(255)  PRIMARY KEY,
    id              VARCHAR(64)   NOT NULL UNIQUE,
    charge_id       VARCHAR(64)   NOT NULL REFERENCES sim_charge (id),
    amount          NUMERIC(20, 3) NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);

CREATE TABLE sim_webhook (
    id            BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      VARCHAR(64)   NOT NULL,
    payload       TEXT          NOT NULL,
    deliver_after TIMESTAMPTZ   NOT NULL,
    copies        INTEGER       NOT NULL,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ   NOT NULL
);

-- One row: the simulator's chaos switches, shared by every replica.
CREATE TABLE sim_chaos (
    id                  INTEGER  PRIMARY KEY CHECK (id = 1),
    duplicate_webhooks  INTEGER  NOT NULL DEFAULT 1 CHECK (duplicate_webhooks BETWEEN 1 AND 10),
    webhook_delay_ms    INTEGER  NOT NULL DEFAULT 0 CHECK (webhook_delay_ms BETWEEN 0 AND 600000),
    lose_webhooks       BOOLEAN  NOT NULL DEFAULT FALSE,
    reverse_order       BOOLEAN  NOT NULL DEFAULT FALSE,
    decline_all         BOOLEAN  NOT NULL DEFAULT FALSE,
    time_out_api        BOOLEAN  NOT NULL DEFAULT FALSE
);

INSERT INTO sim_chaos (id) VALUES (1);
