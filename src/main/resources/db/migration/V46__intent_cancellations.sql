-- Part of the intent contract (issue 16): a deciding module that no longer wants an intent it
-- created (portfolio, when a rebalance plan is cancelled) asks for it to be cancelled here; it
-- never moves the intent's status itself, which only execution does. Execution denies a requested
-- intent that is still NEW (nothing sent), and cancels the open rest of one already at the broker.
-- One request per intent; written by the modules that create intents, read by execution.
CREATE TABLE trade.intent_cancellations (
    intent_id    UUID PRIMARY KEY REFERENCES trade.order_intents (intent_id),
    requested_by TEXT        NOT NULL,
    reason       TEXT        NOT NULL,
    requested_ts TIMESTAMPTZ NOT NULL DEFAULT now()
);
