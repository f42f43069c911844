-- Execution (issue 13): fills from the broker's day. A fill's id is derived from its order and the
-- order's cumulative filled quantity after it (UUID v3 of "order_id:cum_qty"), so whichever source
-- sees a fill first, it is one row. filled_amount keeps the order's won total so far, from which a
-- fill's price is the difference; realized_pnl is a sell's (price - avg_price) * qty, before fees.
ALTER TABLE trade.orders ADD COLUMN filled_amount NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE trade.fills
    ADD COLUMN cum_qty      BIGINT,
    ADD COLUMN side         TEXT CHECK (side IN ('BUY', 'SELL')),
    ADD COLUMN realized_pnl NUMERIC,
    ADD COLUMN source       TEXT,
    ADD COLUMN position_id  UUID;
