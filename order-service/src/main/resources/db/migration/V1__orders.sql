-- Inventory counters never oversell: reserved + sold <= capacity is a CHECK, whatever the Java does.
CREATE TABLE product (
    id          UUID          PRIMARY KEY,
    sku         VARCHAR(64)   NOT NULL UNIQUE,
    kind        VARCHAR(16)   NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    price       NUMERIC(20, 3) NOT NULL,
    currency    CHAR(3)       NOT NULL,
    dated       BOOLEAN       NOT NULL,
    capacity    INTEGER       NOT NULL,
    reserved    INTEGER       NOT NULL DEFAULT 0,
    sold        INTEGER       NOT NULL DEFAULT 0,
    version     BIGINT        NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT product_kind_known CHECK (kind IN ('ROUTE', 'HOTEL_ROOM', 'TICKET')),
    CONSTRAINT product_price_positive CHECK (price > 0),
    CONSTRAINT product_counts_not_negative CHECK (capacity >= 0 AND reserved >= 0 AND sold >= 0),
    CONSTRAINT product_never_oversold CHECK (reserved + sold <= capacity)
);

-- Per-date inventory: a tour departure, a hotel room-night.
CREATE TABLE product_date (
    product_id  UUID      NOT NULL REFERENCES product (id),
    day         DATE      NOT NULL,
    capacity    INTEGER   NOT NULL,
    reserved    INTEGER   NOT NULL DEFAULT 0,
    sold        INTEGER   NOT NULL DEFAULT 0,
    version     BIGINT    NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, day),
    CONSTRAINT product_date_counts_not_negative CHECK (capacity >= 0 AND reserved >= 0 AND sold >= 0),
    CONSTRAINT product_date_never_oversold CHECK (reserved + sold <= capacity)
);

CREATE TABLE customer_order (
    id                 UUID          PRIMARY KEY,
    order_no           VARCHAR(32)   NOT NULL UNIQUE,
    customer_id        VARCHAR(255)  NOT NULL,
    status             VARCHAR(24)   NOT NULL,
    currency           CHAR(3)       NOT NULL,
    total              NUMERIC(20, 3) NOT NULL,
    points_redeemed    BIGINT        NOT NULL DEFAULT 0,
    amount_due         NUMERIC(20, 3) NOT NULL,
    points_account_id  UUID,
    points_hold_id     UUID,
    payment_id         UUID,
    payment_reference  VARCHAR(64),
    checkout_url       TEXT,
    points_capture_entry BIGINT,
    loyalty_entry      BIGINT,
    expires_at         TIMESTAMPTZ   NOT NULL,
    note               TEXT,
    version            BIGINT        NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT customer_order_status_known CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED',
        'EXPIRED', 'REFUNDED')),
    CONSTRAINT customer_order_amounts CHECK (total > 0 AND amount_due > 0 AND amount_due <= total AND points_redeemed >= 0)
);

CREATE INDEX customer_order_customer ON customer_order (customer_id, created_at DESC);
CREATE INDEX customer_order_due ON customer_order (expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_line (
    id          UUID          PRIMARY KEY,
    order_id    UUID          NOT NULL REFERENCES customer_order (id),
    line_no     INTEGER       NOT NULL,
    product_id  UUID          NOT NULL REFERENCES product (id),
    day         DATE,
    check_in    DATE,
    check_out   DATE,
    quantity    INTEGER       NOT NULL,
    unit_price  NUMERIC(20, 3) NOT NULL,
    subtotal    NUMERIC(20, 3) NOT NULL,
    CONSTRAINT order_line_quantity_positive CHECK (quantity > 0),
    CONSTRAINT order_line_one_date_form CHECK (day IS NULL OR (check_in IS NULL AND check_out IS NULL)),
    CONSTRAINT order_line_range_forward CHECK (check_in IS NULL OR check_out > check_in),
    UNIQUE (order_id, line_no)
);

CREATE INDEX order_line_product ON order_line (product_id);

-- Payment events are applied once each (the outbox may redeliver).
CREATE TABLE payment_event (
    event_id    VARCHAR(255)  PRIMARY KEY,
    order_id    UUID          NOT NULL REFERENCES customer_order (id),
    status      VARCHAR(24)   NOT NULL,
    received_at TIMESTAMPTZ   NOT NULL
);
