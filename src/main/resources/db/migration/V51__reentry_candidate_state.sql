-- trade.reentry_candidates: what the re-entry engine needs beyond the seed's columns
-- (io.krxtrader.trade.reentry.ReentryStore).
--
-- original_qty: the stopped position's entry quantity (a re-entry buys a share of it).
-- above_since: since when a fresh price has stayed at or above the trigger (the 30 s hold).
-- last_note: why the last qualifying price bought nothing (entries halted, risk denial).
-- seed: state was free text; it is now the closed set of io.krxtrader.trade.reentry.ReentryPhase.
ALTER TABLE trade.reentry_candidates
    ADD COLUMN original_qty BIGINT CHECK (original_qty > 0),
    ADD COLUMN above_since  TIMESTAMPTZ,
    ADD COLUMN last_note    TEXT,
    ADD CONSTRAINT reentry_candidates_state_check
        CHECK (state IN ('COOLDOWN', 'WATCHING', 'ENTERED', 'EXHAUSTED', 'EXPIRED', 'DONE'));

-- One candidate per stopped position: candidate creation inserts ON CONFLICT DO NOTHING on it.
CREATE UNIQUE INDEX uq_reentry_origin ON trade.reentry_candidates (origin_position_id);
