-- trade.position_state: what the exit engine needs beyond the seed's columns
-- (io.krxtrader.trade.exit.ExitStore reads and writes them).
--
-- entry_qty: the quantity when the engine first saw the position; TP1 and TP2 each sell a third
-- of it, so it must outlive the partial fills. manual_count: MANUAL exits decided so far, the n of
-- {position_id}:MANUAL:{n}. last_signal_ts / last_skip_ts: when the last quiet signal row and the
-- last skip were written, so that each is written at most once a minute per position.
-- seed: phase was free text; it is now the closed set of io.krxtrader.trade.exit.ExitPhase.
ALTER TABLE trade.position_state
    ADD COLUMN entry_qty      BIGINT CHECK (entry_qty > 0),
    ADD COLUMN manual_count   INT NOT NULL DEFAULT 0 CHECK (manual_count >= 0),
    ADD COLUMN last_signal_ts TIMESTAMPTZ,
    ADD COLUMN last_skip_ts   TIMESTAMPTZ,
    ADD CONSTRAINT position_state_phase_check
        CHECK (phase IN ('OPEN', 'SL1_DONE', 'TP1_DONE', 'TP2_DONE', 'CLOSING', 'CLOSED'));
