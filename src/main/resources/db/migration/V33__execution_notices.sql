-- Execution (issue 13): the broker's execution notices (H0STCNI0/H0STCNI9, decrypted), one row per
-- distinct fill notice, kept so that notices and the polled day's orders merge into one set of
-- fills. notice_id is a UUID v3 of the notice's content (order, quantity, price, time), so a notice
-- delivered twice is one row; seq is the arrival order. A fill is recorded from a notice only when
-- the notices before it add up to exactly what trade.orders already counts (quantity and amount);
-- otherwise the next poll of the day's orders, the broker's cumulative figures, records it. The
-- notice's HTS id, account number and account name are not kept.
CREATE TABLE trade.execution_notices (
    notice_id   UUID PRIMARY KEY,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    order_id    TEXT        NOT NULL,
    symbol      TEXT        NOT NULL,
    side        TEXT        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    qty         BIGINT      NOT NULL CHECK (qty > 0),
    price       NUMERIC     NOT NULL,
    fill_ts     TIMESTAMPTZ NOT NULL,
    received_ts TIMESTAMPTZ NOT NULL
);

-- notices are matched to their order ignoring the zero padding of the order number
CREATE INDEX idx_execution_notices_order ON trade.execution_notices (ltrim(order_id, '0'), seq);
