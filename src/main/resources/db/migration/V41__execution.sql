-- Execution (issue 13): what krx_execution records on an intent on its way to the broker, the
-- broker order it became, and where the broker's holdings and our positions disagree.
--
-- submitted_ts / submit_term: when, and in which execution leader term, the intent was last
-- committed SUBMITTING (before the broker was called). A recovered order must be at or after it.
-- send_count: how many times the intent was sent (1, or 2 after two empty checks found nothing).
-- empty_checks / last_check_ts: recovery's looks at the day's orders that found no match.
-- broker_msg_cd / broker_message: the broker's answer (a rejection's code and text).
-- status_reason: why execution moved it (a denial's reason, why it is UNKNOWN or HELD).
ALTER TABLE trade.order_intents
    ADD COLUMN submitted_ts   TIMESTAMPTZ,
    ADD COLUMN submit_term    BIGINT,
    ADD COLUMN send_count     INT NOT NULL DEFAULT 0,
    ADD COLUMN empty_checks   INT NOT NULL DEFAULT 0,
    ADD COLUMN last_check_ts  TIMESTAMPTZ,
    ADD COLUMN broker_msg_cd  TEXT,
    ADD COLUMN broker_message TEXT,
    ADD COLUMN status_reason  TEXT;

-- The broker order: its branch (KRX_FWDG_ORD_ORGNO, needed to cancel), what was asked, and how it
-- was found (the order call's answer, or recovery's look at the day's orders).
ALTER TABLE trade.orders
    ADD COLUMN branch     TEXT,
    ADD COLUMN symbol     TEXT,
    ADD COLUMN side       TEXT CHECK (side IN ('BUY', 'SELL')),
    ADD COLUMN qty        BIGINT,
    ADD COLUMN filled_qty BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN linked_by  TEXT NOT NULL DEFAULT 'answer' CHECK (linked_by IN ('answer', 'recovery', 'operator'));

-- One broker order belongs to one intent, and an intent has at most one live broker order.
CREATE UNIQUE INDEX uq_orders_intent ON trade.orders (intent_id);

-- Where the broker's holdings and the open positions disagree (a quantity, an average price, or a
-- symbol only one side has). Open while resolved_ts is null; by default it blocks new entries in
-- that symbol.
CREATE TABLE trade.holding_mismatches (
    mismatch_id     UUID PRIMARY KEY,
    account_id      TEXT        NOT NULL,
    symbol          TEXT        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('QTY', 'AVG_PRICE', 'BROKER_ONLY', 'POSITION_ONLY')),
    position_qty    BIGINT,
    position_avg    NUMERIC,
    holding_qty     BIGINT,
    holding_avg     NUMERIC,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    resolved_ts     TIMESTAMPTZ,
    resolution      TEXT
);

CREATE UNIQUE INDEX uq_holding_mismatches_open ON trade.holding_mismatches (account_id, symbol)
    WHERE resolved_ts IS NULL;
