-- market.*: owned by PriceSync (seed 000, "Market Schema").

-- Raw price events from every source, for audit and replay.
-- Partitioned by KST day (system.ensure_day_partitions); the seed's key already holds ts, so it is
-- unchanged.
CREATE TABLE market.prices_ticks (
    ts            TIMESTAMPTZ NOT NULL,
    symbol        TEXT        NOT NULL,
    source        TEXT        NOT NULL CHECK (source IN ('KIS_WS', 'KIS_REST', 'NAVER')),
    last_price    NUMERIC     NOT NULL,
    bid           NUMERIC,
    ask           NUMERIC,
    volume        BIGINT,
    trade_value   NUMERIC,
    PRIMARY KEY (symbol, ts, source)
) PARTITION BY RANGE (ts);

CREATE INDEX idx_prices_ticks_ts ON market.prices_ticks (ts DESC);
-- The seed's idx_prices_ticks_symbol_ts (symbol, ts DESC) is not created: the primary key
-- (symbol, ts, source) serves the same scans in either direction, and each index costs every insert.

-- One best price per symbol, for the strategies.
CREATE TABLE market.prices_best (
    symbol        TEXT PRIMARY KEY,
    ts            TIMESTAMPTZ NOT NULL,
    source        TEXT        NOT NULL CHECK (source IN ('KIS_WS', 'KIS_REST', 'NAVER')),
    last_price    NUMERIC     NOT NULL,
    bid           NUMERIC,
    ask           NUMERIC,
    freshness_ms  BIGINT      NOT NULL,
    quality_score INT         NOT NULL CHECK (quality_score BETWEEN 0 AND 100),
    updated_ts    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Per-symbol freshness of each source.
CREATE TABLE market.freshness (
    symbol         TEXT PRIMARY KEY,
    last_ws_ts     TIMESTAMPTZ,
    last_rest_ts   TIMESTAMPTZ,
    last_naver_ts  TIMESTAMPTZ,
    best_ts        TIMESTAMPTZ,
    is_stale       BOOLEAN     NOT NULL DEFAULT false,
    stale_reason   TEXT,
    updated_ts     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Refresh jobs for stale symbols, claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE market.sync_jobs (
    -- seed: id SERIAL. A busy queue runs through 2^31 ids; bigint cannot run out.
    id           BIGSERIAL PRIMARY KEY,
    symbol       TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('KIS_REST', 'NAVER')),
    priority     INT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
    worker_id    TEXT,
    attempts     INT NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_ts   TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_ts   TIMESTAMPTZ,
    completed_ts TIMESTAMPTZ
);

CREATE INDEX idx_sync_jobs_status_priority ON market.sync_jobs (status, priority DESC);
CREATE INDEX idx_sync_jobs_symbol ON market.sync_jobs (symbol);

-- KIS vs Naver price differences.
CREATE TABLE market.discrepancies (
    id           SERIAL PRIMARY KEY,
    symbol       TEXT NOT NULL,
    ts           TIMESTAMPTZ NOT NULL,
    kis_price    BIGINT NOT NULL,
    naver_price  BIGINT NOT NULL,
    diff_pct     FLOAT NOT NULL,
    kis_source   TEXT NOT NULL CHECK (kis_source IN ('KIS_WS', 'KIS_REST')),
    severity     TEXT NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH'))
);

CREATE INDEX idx_discrepancies_symbol_ts ON market.discrepancies (symbol, ts DESC);
CREATE INDEX idx_discrepancies_severity ON market.discrepancies (severity, ts DESC);
