-- trade.*: strategies and execution (seed 000, "Trade Schema"). Owners are in R__grants.sql.

-- Positions as the strategies track them (the broker's view is trade.holdings).
CREATE TABLE trade.positions (
    position_id   UUID PRIMARY KEY,
    account_id    TEXT NOT NULL,
    symbol        TEXT NOT NULL,
    side          TEXT NOT NULL CHECK (side = 'LONG'),
    qty           BIGINT NOT NULL CHECK (qty >= 0),
    avg_price     NUMERIC NOT NULL,
    entry_ts      TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('OPEN', 'CLOSING', 'CLOSED')),
    strategy_id   TEXT,
    version       INT NOT NULL DEFAULT 1,
    updated_ts    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_positions_open ON trade.positions (account_id, status, symbol)
    WHERE status IN ('OPEN', 'CLOSING');

-- Optimistic lock: version moves when, and only when, qty or avg_price changes (a fill), so an
-- exit decision taken on an older version can be refused.
-- seed: the function was created unqualified (in public); it belongs with its table in trade.
-- seed: an UPDATE could set version to anything when qty and avg_price were unchanged; now the
-- trigger alone moves it, so a stale writer cannot forge a version.
CREATE FUNCTION trade.increment_position_version()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NEW.avg_price IS DISTINCT FROM OLD.avg_price OR NEW.qty IS DISTINCT FROM OLD.qty THEN
        NEW.version = OLD.version + 1;
        NEW.updated_ts = now();
    ELSE
        NEW.version = OLD.version;
    END IF;
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_positions_version
BEFORE UPDATE ON trade.positions
FOR EACH ROW
EXECUTE FUNCTION trade.increment_position_version();

-- The exit engine's state per position.
CREATE TABLE trade.position_state (
    position_id        UUID PRIMARY KEY REFERENCES trade.positions (position_id),
    phase              TEXT NOT NULL,
    hwm_price          NUMERIC,
    stop_floor_price   NUMERIC,
    atr                NUMERIC,
    cooldown_until     TIMESTAMPTZ,
    last_eval_ts       TIMESTAMPTZ,
    updated_ts         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Re-entry candidates after stop-type exits.
CREATE TABLE trade.reentry_candidates (
    candidate_id        UUID PRIMARY KEY,
    symbol              TEXT NOT NULL,
    origin_position_id  UUID NOT NULL,
    exit_reason         TEXT NOT NULL,
    exit_ts             TIMESTAMPTZ NOT NULL,
    exit_price          NUMERIC NOT NULL,
    cooldown_until      TIMESTAMPTZ NOT NULL,
    state               TEXT NOT NULL,
    max_reentries       INT  NOT NULL DEFAULT 2,
    reentry_count       INT  NOT NULL DEFAULT 0,
    last_eval_ts        TIMESTAMPTZ,
    updated_ts          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_reentry_state ON trade.reentry_candidates (state, cooldown_until);

-- Order intents: an order exists only because a row here with a unique action_key exists.
CREATE TABLE trade.order_intents (
    intent_id     UUID PRIMARY KEY,
    position_id   UUID,
    candidate_id  UUID,
    symbol        TEXT NOT NULL,
    intent_type   TEXT NOT NULL CHECK (intent_type IN ('EXIT_PARTIAL', 'EXIT_FULL', 'ENTRY')),
    qty           BIGINT NOT NULL CHECK (qty > 0),
    order_type    TEXT NOT NULL CHECK (order_type IN ('MKT', 'LMT')),
    limit_price   NUMERIC,
    reason_code   TEXT NOT NULL,
    action_key    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'NEW',
    created_ts    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_ts    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX uq_order_intents_action_key ON trade.order_intents (action_key);
CREATE INDEX idx_order_intents_status ON trade.order_intents (status, created_ts);

-- Broker orders; order_id is the KIS order number.
CREATE TABLE trade.orders (
    order_id      TEXT PRIMARY KEY,
    intent_id     UUID NOT NULL REFERENCES trade.order_intents (intent_id),
    submitted_ts  TIMESTAMPTZ NOT NULL DEFAULT now(),
    status        TEXT NOT NULL,
    raw           JSONB,
    updated_ts    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Fills (executions).
CREATE TABLE trade.fills (
    fill_id       UUID PRIMARY KEY,
    order_id      TEXT NOT NULL REFERENCES trade.orders (order_id),
    ts            TIMESTAMPTZ NOT NULL,
    qty           BIGINT NOT NULL CHECK (qty > 0),
    price         NUMERIC NOT NULL,
    fee           NUMERIC,
    tax           NUMERIC
);

CREATE INDEX idx_fills_order_ts ON trade.fills (order_id, ts DESC);

-- Every exit-rule evaluation worth keeping (debugging, replay).
CREATE TABLE trade.exit_signals (
    signal_id         UUID PRIMARY KEY,
    position_id       UUID NOT NULL REFERENCES trade.positions (position_id),
    ts                TIMESTAMPTZ NOT NULL,
    rule_name         TEXT NOT NULL,
    triggered         BOOLEAN NOT NULL,
    reason            TEXT,
    current_price     NUMERIC NOT NULL,
    hwm_price         NUMERIC,
    stop_floor_price  NUMERIC,
    current_pnl_pct   FLOAT NOT NULL,
    intent_id         UUID,
    created_ts        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_exit_signals_position_ts ON trade.exit_signals (position_id, ts DESC);
CREATE INDEX idx_exit_signals_rule ON trade.exit_signals (rule_name, triggered, ts DESC);

-- The broker's holdings: the final truth about what the account owns, kept apart from positions so
-- that every difference between the two can be reported.
CREATE TABLE trade.holdings (
    account_id    TEXT        NOT NULL,
    symbol        TEXT        NOT NULL,
    qty           BIGINT      NOT NULL,
    avg_price     NUMERIC     NOT NULL,
    current_price NUMERIC,
    pnl           NUMERIC,
    pnl_pct       FLOAT,
    updated_ts    TIMESTAMPTZ NOT NULL DEFAULT now(),
    raw           JSONB,
    PRIMARY KEY (account_id, symbol)
);

-- Picks from selection producers (3000, 3001, ...).
CREATE TABLE trade.picks (
    pick_id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    producer_id       TEXT NOT NULL,
    producer_name     TEXT,
    run_id            TEXT NOT NULL,
    run_date          DATE NOT NULL,
    asof_ts           TIMESTAMPTZ NOT NULL,

    symbol            TEXT NOT NULL,
    side              TEXT NOT NULL CHECK (side = 'LONG'),
    score             NUMERIC NOT NULL,
    confidence        TEXT NOT NULL CHECK (confidence IN ('LOW', 'MEDIUM', 'HIGH')),
    rank              INT,
    reasons           TEXT[],
    metadata          JSONB,
    constraints       JSONB,

    status            TEXT NOT NULL DEFAULT 'ACTIVE',
    gate1_passed_ts   TIMESTAMPTZ,
    gate2_passed_ts   TIMESTAMPTZ,
    gate3_passed_ts   TIMESTAMPTZ,
    reject_reason     TEXT,

    created_ts        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_ts        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_picks_run ON trade.picks (run_date, producer_id, run_id);
CREATE INDEX idx_picks_symbol ON trade.picks (symbol, run_date DESC);
CREATE INDEX idx_picks_status ON trade.picks (status, run_date DESC);
CREATE UNIQUE INDEX uq_picks_run_symbol ON trade.picks (run_id, symbol);

-- The router's merged decision per day and symbol.
CREATE TABLE trade.pick_decisions (
    decision_id       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    run_date          DATE NOT NULL,
    decision_ts       TIMESTAMPTZ NOT NULL DEFAULT now(),

    symbol            TEXT NOT NULL,
    final_score       NUMERIC NOT NULL,
    confidence        TEXT NOT NULL,
    method            TEXT NOT NULL CHECK (method IN ('PRIORITY', 'WEIGHTED', 'CONSENSUS')),

    producer_count    INT NOT NULL,
    producer_ids      TEXT[],
    pick_ids          UUID[],

    router_version    TEXT NOT NULL,
    config            JSONB,

    gate1_result      TEXT,
    gate2_result      TEXT,
    gate3_result      TEXT,
    final_decision    TEXT NOT NULL CHECK (final_decision IN ('PASS', 'REJECT')),
    reject_reason     TEXT,

    intent_id         UUID REFERENCES trade.order_intents (intent_id),

    created_ts        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_decisions_date ON trade.pick_decisions (run_date DESC);
CREATE INDEX idx_decisions_symbol ON trade.pick_decisions (symbol, run_date DESC);
CREATE INDEX idx_decisions_final ON trade.pick_decisions (final_decision, run_date DESC);
CREATE UNIQUE INDEX uq_decisions_date_symbol ON trade.pick_decisions (run_date, symbol);
