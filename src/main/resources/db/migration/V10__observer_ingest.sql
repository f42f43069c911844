-- The observer's loader: the ingest ledger that makes every JSONL line load exactly once, the
-- provenance of every loaded row, and the queue of 1-minute bars to recompute (02-observer.md).

-- One row per JSONL file ever loaded. Rows and the new committed_offset commit in one transaction,
-- so after a crash a load resumes at committed_offset with neither a duplicate nor a hole.
CREATE TABLE observer.ingest_files (
    file_id           INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the file's absolute real path when it was last loaded (a moved file keeps its row: see
    -- first_line_sha256)
    path              TEXT NOT NULL UNIQUE,
    kind              VARCHAR(10) NOT NULL CHECK (kind IN ('swing', 'scalp', 'gap')),
    -- SHA-256 of the first line: a file found under a new path with the same first line is the
    -- same file moved (its old path is gone) or a copy (refused), never a new file to load again
    first_line_sha256 BYTEA NOT NULL,
    -- SHA-256 of bytes [0, committed_offset): the part already loaded must never change
    content_sha256    BYTEA NOT NULL,
    committed_offset  BIGINT NOT NULL CHECK (committed_offset >= 0),
    file_size         BIGINT NOT NULL,
    lines_loaded      BIGINT NOT NULL DEFAULT 0,
    lines_rejected    BIGINT NOT NULL DEFAULT 0,
    -- bytes of the file's reject file that belong to committed lines; a load starts by cutting the
    -- reject file back to this size, so a crash never leaves a reject listed twice
    rejects_size      BIGINT NOT NULL DEFAULT 0,
    status            VARCHAR(10) NOT NULL CHECK (status IN ('loading', 'loaded', 'conflict')),
    conflict          TEXT,
    first_loaded_at   TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- serves the moved-or-copied lookup of a path the ledger has not seen
CREATE INDEX idx_ingest_files_first_line ON observer.ingest_files (first_line_sha256);

-- Provenance: which ledger file a row came from, so that validate can compare each file's lines
-- with the rows the tables hold. Nullable and without a foreign key: rows written by other means
-- (tests, hand repairs) have none, and a key check would slow every COPY.
ALTER TABLE observer.scalp_ticks ADD COLUMN ingest_file_id INT;
ALTER TABLE observer.scalp_gaps ADD COLUMN ingest_file_id INT;
ALTER TABLE observer.swing_bars_10m ADD COLUMN ingest_file_id INT;
-- not in the seed: the Track A record's ts. A later snapshot of the same 10-minute slot replaces an
-- earlier one whatever order the files load in (a parallel back-fill loads them in any order).
ALTER TABLE observer.swing_bars_10m ADD COLUMN snapshot_time TIMESTAMPTZ;

-- Minutes whose 1-minute bar must be (re)computed: written in the same transaction as the ticks
-- that touched them, consumed with FOR UPDATE SKIP LOCKED by the aggregator. A crash between a
-- load and its aggregation leaves the minutes here for the next load or `aggregate`.
CREATE TABLE observer.minute_bar_backlog (
    symbol    VARCHAR(20) NOT NULL,
    bar_time  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (symbol, bar_time)
);
