-- portfolio.*: policies, snapshots and rebalancing (seed 004, section 2.3).

CREATE TABLE portfolio.portfolio_policy (
    policy_id       VARCHAR(50) PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    description     TEXT,
    rebalance_freq  VARCHAR(20) NOT NULL CHECK (rebalance_freq IN ('daily', 'weekly', 'monthly')),
    max_position_pct FLOAT NOT NULL,
    min_position_pct FLOAT DEFAULT 0.01,
    rebalance_threshold FLOAT DEFAULT 0.05,
    created_at      TIMESTAMPTZ DEFAULT NOW(),
    updated_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_portfolio_policy_name ON portfolio.portfolio_policy (name);

CREATE TABLE portfolio.portfolio_snapshot (
    snapshot_id     BIGSERIAL PRIMARY KEY,
    policy_id       VARCHAR(50) NOT NULL REFERENCES portfolio.portfolio_policy (policy_id),
    snapshot_time   TIMESTAMPTZ NOT NULL,
    total_value     NUMERIC(20,4) NOT NULL,
    cash            NUMERIC(20,4) NOT NULL,
    invested_value  NUMERIC(20,4) NOT NULL,
    allocation_drift FLOAT,
    session_id      VARCHAR(50),
    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_portfolio_snapshot_policy ON portfolio.portfolio_snapshot (policy_id);
CREATE INDEX idx_portfolio_snapshot_time ON portfolio.portfolio_snapshot (snapshot_time DESC);
CREATE INDEX idx_portfolio_snapshot_session ON portfolio.portfolio_snapshot (session_id);

CREATE TABLE portfolio.portfolio_positions (
    position_id     BIGSERIAL PRIMARY KEY,
    snapshot_id     BIGINT NOT NULL REFERENCES portfolio.portfolio_snapshot (snapshot_id),
    symbol          VARCHAR(20) NOT NULL,
    quantity        BIGINT,
    avg_price       NUMERIC(15,4),
    market_price    NUMERIC(15,4),
    market_value    NUMERIC(20,4),
    target_weight   FLOAT,
    current_weight  FLOAT,
    weight_diff     FLOAT,
    created_at      TIMESTAMPTZ DEFAULT NOW()
    -- seed: FOREIGN KEY (symbol, snapshot_time) REFERENCES swing_bars_10m(symbol, bar_time).
    -- Dropped: the table has no snapshot_time column, and a price need not come from a bar.
);

CREATE INDEX idx_portfolio_positions_snapshot ON portfolio.portfolio_positions (snapshot_id);
CREATE INDEX idx_portfolio_positions_symbol ON portfolio.portfolio_positions (symbol);

CREATE TABLE portfolio.target_weights (
    policy_id       VARCHAR(50) NOT NULL REFERENCES portfolio.portfolio_policy (policy_id),
    symbol          VARCHAR(20) NOT NULL,
    target_weight   FLOAT NOT NULL CHECK (target_weight BETWEEN 0 AND 1),
    effective_date  DATE NOT NULL,
    created_at      TIMESTAMPTZ DEFAULT NOW(),
    PRIMARY KEY (policy_id, symbol, effective_date)
);

CREATE INDEX idx_target_weights_policy_date ON portfolio.target_weights (policy_id, effective_date);
CREATE INDEX idx_target_weights_symbol ON portfolio.target_weights (symbol);

CREATE TABLE portfolio.rebalance_plan (
    plan_id         BIGSERIAL PRIMARY KEY,
    policy_id       VARCHAR(50) NOT NULL REFERENCES portfolio.portfolio_policy (policy_id),
    snapshot_id     BIGINT NOT NULL REFERENCES portfolio.portfolio_snapshot (snapshot_id),
    created_at      TIMESTAMPTZ DEFAULT NOW(),
    -- seed: the status comment lists pending, executing, done, cancelled, but its own rollback SQL
    -- also uses 'error'; all five are allowed.
    status          VARCHAR(20) DEFAULT 'pending'
                    CHECK (status IN ('pending', 'executing', 'done', 'cancelled', 'error')),
    reason          VARCHAR(100),
    session_id      VARCHAR(50),
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ
);

CREATE INDEX idx_rebalance_plan_policy ON portfolio.rebalance_plan (policy_id);
CREATE INDEX idx_rebalance_plan_session ON portfolio.rebalance_plan (session_id);
CREATE INDEX idx_rebalance_plan_status ON portfolio.rebalance_plan (status);

CREATE TABLE portfolio.rebalance_orders (
    order_id        BIGSERIAL PRIMARY KEY,
    plan_id         BIGINT NOT NULL REFERENCES portfolio.rebalance_plan (plan_id),
    symbol          VARCHAR(20) NOT NULL,
    side            VARCHAR(10) NOT NULL CHECK (side IN ('BUY', 'SELL')),
    target_qty      BIGINT,
    order_type      VARCHAR(20) DEFAULT 'MARKET',
    limit_price     NUMERIC(15,4),
    status          VARCHAR(20) DEFAULT 'pending',
    created_at      TIMESTAMPTZ DEFAULT NOW(),
    submitted_at    TIMESTAMPTZ
);

CREATE INDEX idx_rebalance_orders_plan ON portfolio.rebalance_orders (plan_id);
CREATE INDEX idx_rebalance_orders_symbol ON portfolio.rebalance_orders (symbol);
CREATE INDEX idx_rebalance_orders_status ON portfolio.rebalance_orders (status);

CREATE TABLE portfolio.rebalance_execution (
    exec_id         BIGSERIAL PRIMARY KEY,
    order_id        BIGINT NOT NULL REFERENCES portfolio.rebalance_orders (order_id),
    filled_qty      BIGINT,
    filled_price    NUMERIC(15,4),
    exec_time       TIMESTAMPTZ,
    commission      NUMERIC(20,4),
    slippage        NUMERIC(20,4),
    status          VARCHAR(20),
    error_msg       TEXT,
    created_at      TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_rebalance_execution_order ON portfolio.rebalance_execution (order_id);
CREATE INDEX idx_rebalance_execution_exec_time ON portfolio.rebalance_execution (exec_time DESC);

-- Positions of each snapshot with their market value and weights.
-- seed: joined target_weights on policy and symbol only, so a symbol with weights for several
-- effective dates appeared once per date; it now takes the weight in force at the snapshot (the
-- latest effective_date on or before the snapshot's KST date).
-- seed: priced every position at the latest swing bar of all time, even for old snapshots; it now
-- uses the price the snapshot stored, else the last 10-minute close at or before the snapshot.
CREATE VIEW portfolio.portfolio_positions_summary AS
SELECT
    p.position_id,
    p.snapshot_id,
    p.symbol,
    p.quantity,
    price.market_price,
    p.quantity * price.market_price AS market_value,
    (p.quantity * price.market_price) / NULLIF(ps.total_value, 0) AS current_weight,
    tw.target_weight,
    (p.quantity * price.market_price) / NULLIF(ps.total_value, 0) - tw.target_weight AS weight_diff
FROM portfolio.portfolio_positions p
JOIN portfolio.portfolio_snapshot ps ON ps.snapshot_id = p.snapshot_id
CROSS JOIN LATERAL (
    SELECT COALESCE(
        p.market_price,
        (SELECT s.close
           FROM observer.swing_bars_10m s
          WHERE s.symbol = p.symbol AND s.bar_time <= ps.snapshot_time
          ORDER BY s.bar_time DESC
          LIMIT 1)) AS market_price
) price
LEFT JOIN LATERAL (
    SELECT t.target_weight
      FROM portfolio.target_weights t
     WHERE t.policy_id = ps.policy_id
       AND t.symbol = p.symbol
       AND t.effective_date <= (ps.snapshot_time AT TIME ZONE 'Asia/Seoul')::date
     ORDER BY t.effective_date DESC
     LIMIT 1
) tw ON true;
