-- trade (issue 15, the router): producer runs and the picks' closed status set.
--
-- trade.pick_producers: every producer that ever submitted a run. Submitting upserts its row
-- first, so two runs of one producer are taken one after the other (the row lock) and the
-- supersede of the older run's picks never races.
CREATE TABLE trade.pick_producers (
    producer_id      TEXT PRIMARY KEY,
    producer_name    TEXT,
    first_run_ts     TIMESTAMPTZ NOT NULL,
    last_run_ts      TIMESTAMPTZ NOT NULL
);

-- trade.pick_runs: one row per accepted producer run. run_id is unique across producers because
-- the seed's uq_picks_run_symbol makes (run_id, symbol) the pick's identity; content_sha256 tells
-- a run sent again (a no-op) from a different run under a used run_id (refused).
CREATE TABLE trade.pick_runs (
    run_id          TEXT PRIMARY KEY,
    producer_id     TEXT        NOT NULL,
    producer_name   TEXT,
    run_date        DATE        NOT NULL,
    asof_ts         TIMESTAMPTZ NOT NULL,
    pick_count      INT         NOT NULL CHECK (pick_count >= 0),
    content_sha256  TEXT        NOT NULL,
    source          TEXT        NOT NULL CHECK (source IN ('CLI', 'INBOX', 'HTTP')),
    received_ts     TIMESTAMPTZ NOT NULL
);

-- The newest run of a producer and day: supersede looks it up on every submission.
CREATE INDEX idx_pick_runs_producer_day ON trade.pick_runs (producer_id, run_date, asof_ts DESC);

-- seed: status was free text. ACTIVE waits for a decision; SUPERSEDED by a newer run of its
-- producer and day; PASSED or REJECTED by the day's decision on its symbol.
ALTER TABLE trade.picks ADD CONSTRAINT picks_status_check
    CHECK (status IN ('ACTIVE', 'SUPERSEDED', 'PASSED', 'REJECTED'));

-- The decision loop reads a day's ACTIVE picks.
CREATE INDEX idx_picks_active ON trade.picks (run_date, symbol) WHERE status = 'ACTIVE';
