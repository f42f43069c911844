-- portfolio (issue 16): exact weights, where each price came from, and plans that execute
-- through trade.order_intents.
--
-- seed: weights, thresholds and drift were FLOAT; they are ratios the planner multiplies by KRW
-- totals and compares with 1 +- 0.01, so they are NUMERIC (io.krxtrader.portfolio computes them
-- as BigDecimal). The summary view reads those columns and is recreated around the type change.
-- seed (and V6): the view took, per symbol, its latest weight on or before the snapshot; but the
-- weights in force are one set, the latest effective date's, so a symbol dropped from a newer set
-- no longer keeps its old weight.

DROP VIEW portfolio.portfolio_positions_summary;

ALTER TABLE portfolio.portfolio_policy
    ALTER COLUMN max_position_pct TYPE NUMERIC(9,6),
    ALTER COLUMN min_position_pct TYPE NUMERIC(9,6),
    ALTER COLUMN min_position_pct SET NOT NULL,
    ALTER COLUMN rebalance_threshold TYPE NUMERIC(9,6),
    ALTER COLUMN rebalance_threshold SET NOT NULL,
    ADD CONSTRAINT portfolio_policy_pct_check
        CHECK (min_position_pct >= 0 AND min_position_pct <= max_position_pct
               AND max_position_pct <= 1 AND rebalance_threshold > 0);

ALTER TABLE portfolio.target_weights
    ALTER COLUMN target_weight TYPE NUMERIC(9,6);

-- seed: allocation_drift was labelled a percentage while holding a sum of squares; it is the
-- fraction sqrt(sum((current - target)^2)).
ALTER TABLE portfolio.portfolio_snapshot
    ALTER COLUMN allocation_drift TYPE NUMERIC(20,12);

-- price_source says which price valued the position: a fresh best price (market.prices_best) or,
-- when none was fresh, the latest 10-minute bar close; 'none' for a target with no holding and no
-- price at all (it cannot be bought by a plan).
ALTER TABLE portfolio.portfolio_positions
    ALTER COLUMN target_weight TYPE NUMERIC(20,12),
    ALTER COLUMN current_weight TYPE NUMERIC(20,12),
    ALTER COLUMN weight_diff TYPE NUMERIC(20,12),
    ADD COLUMN price_source TEXT CHECK (price_source IN ('best_price', 'bar_close', 'none')),
    ADD COLUMN price_ts TIMESTAMPTZ;

-- A plan in error says why; the reason is not limited to 100 characters.
ALTER TABLE portfolio.rebalance_plan
    ALTER COLUMN reason TYPE TEXT,
    ALTER COLUMN status SET NOT NULL,
    ADD COLUMN approved_at TIMESTAMPTZ;

-- One order per symbol of a plan. phase 1 = sells, 2 = buys: buys become intents only when every
-- sell is final, so the cash is there. intent_id links the order to its trade.order_intents row
-- (action key REBAL:{plan_id}:{symbol}). seed: status was free text.
ALTER TABLE portfolio.rebalance_orders
    ALTER COLUMN target_qty SET NOT NULL,
    ADD CONSTRAINT rebalance_orders_qty_check CHECK (target_qty > 0),
    ALTER COLUMN order_type SET DEFAULT 'LIMIT',
    ADD CONSTRAINT rebalance_orders_type_check CHECK (order_type IN ('LIMIT', 'MARKET')),
    ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT rebalance_orders_status_check
        CHECK (status IN ('planned', 'pending', 'submitted', 'partially_filled', 'filled',
                          'cancelled', 'rejected')),
    ADD COLUMN phase SMALLINT NOT NULL DEFAULT 1 CHECK (phase IN (1, 2)),
    ADD COLUMN intent_id UUID,
    ADD COLUMN action_key TEXT,
    ADD CONSTRAINT rebalance_orders_plan_symbol_key UNIQUE (plan_id, symbol);
ALTER TABLE portfolio.rebalance_orders ALTER COLUMN status SET DEFAULT 'planned';
ALTER TABLE portfolio.rebalance_orders ALTER COLUMN phase DROP DEFAULT;

-- One execution row per broker fill (trade.fills.fill_id), so reading the fills again records
-- nothing twice.
ALTER TABLE portfolio.rebalance_execution
    ADD COLUMN fill_id UUID,
    ADD CONSTRAINT rebalance_execution_fill_key UNIQUE (fill_id);

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
       AND t.effective_date = (
           SELECT max(e.effective_date)
             FROM portfolio.target_weights e
            WHERE e.policy_id = ps.policy_id
              AND e.effective_date <= (ps.snapshot_time AT TIME ZONE 'Asia/Seoul')::date)
) tw ON true;

-- The latest snapshot of a policy (portfolio show, the schedule's "already done today").
CREATE INDEX idx_portfolio_snapshot_policy_time
    ON portfolio.portfolio_snapshot (policy_id, snapshot_time DESC);

-- At most one open plan per policy: a second plan made while one executes would order twice.
CREATE UNIQUE INDEX uq_rebalance_plan_open
    ON portfolio.rebalance_plan (policy_id) WHERE status IN ('pending', 'executing');
