-- trade.order_intents: the one contract between the modules that decide (exit, reentry, router,
-- portfolio) and execution, which alone talks to the broker. Written through
-- io.krxtrader.trade.OrderIntents; the creators insert, execution moves the status.
--
-- seed: the side was implied by intent_type (an exit sells, an entry buys); a rebalance can do
-- either, so the side is stored. seed: status was free text; it is now the closed set of
-- io.krxtrader.trade.IntentStatus. created_by and leader_term say which module, in which leader
-- term, decided the order (the term is checked in the inserting transaction).

ALTER TABLE trade.order_intents ADD COLUMN side TEXT;
UPDATE trade.order_intents SET side = CASE WHEN intent_type = 'ENTRY' THEN 'BUY' ELSE 'SELL' END;
ALTER TABLE trade.order_intents
    ALTER COLUMN side SET NOT NULL,
    ADD CONSTRAINT order_intents_side_check CHECK (side IN ('BUY', 'SELL'));

ALTER TABLE trade.order_intents DROP CONSTRAINT order_intents_intent_type_check;
ALTER TABLE trade.order_intents ADD CONSTRAINT order_intents_intent_type_check
    CHECK (intent_type IN ('ENTRY', 'EXIT_PARTIAL', 'EXIT_FULL', 'REBALANCE'));

ALTER TABLE trade.order_intents ADD CONSTRAINT order_intents_status_check
    CHECK (status IN ('NEW', 'SUBMITTING', 'SUBMITTED', 'UNKNOWN', 'HELD', 'REJECTED', 'DENIED',
                      'PARTIALLY_FILLED', 'FILLED', 'CANCELLED'));

-- A limit order has a positive price; a market order none.
ALTER TABLE trade.order_intents ADD CONSTRAINT order_intents_limit_price_check
    CHECK ((order_type = 'LMT' AND limit_price IS NOT NULL AND limit_price > 0) OR (order_type = 'MKT' AND limit_price IS NULL));

ALTER TABLE trade.order_intents
    ADD COLUMN created_by  TEXT NOT NULL DEFAULT 'unknown',
    ADD COLUMN leader_term BIGINT;
ALTER TABLE trade.order_intents ALTER COLUMN created_by DROP DEFAULT;
