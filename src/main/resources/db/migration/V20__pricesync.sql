-- PriceSync's additions to market.* (../shared/spec/03-trading.md, "PriceSync").
--
-- Advisory locks PriceSync takes (two-int keys; pg_locks shows them as classid/objid, objsubid 2):
--   (1705, node)    session lock: the PriceSync process with this node number is alive (SyncNode)
--   (1706, 1)       session lock: the process that runs the stale scan and the job rescue
--   (1707, bucket)  transaction lock: serialises best-price merges of one symbol bucket (PriceWriter)

-- The latest price each source reported, next to the time the seed already keeps: any PriceSync
-- process can merge a new event with the other sources' latest without reading prices_ticks.
ALTER TABLE market.freshness
    ADD COLUMN last_ws_price       BIGINT,
    ADD COLUMN last_ws_bid         BIGINT,
    ADD COLUMN last_ws_ask         BIGINT,
    ADD COLUMN last_rest_price     BIGINT,
    ADD COLUMN last_rest_bid       BIGINT,
    ADD COLUMN last_rest_ask       BIGINT,
    ADD COLUMN last_naver_price    BIGINT,
    ADD COLUMN last_naver_bid      BIGINT,
    ADD COLUMN last_naver_ask      BIGINT,
    -- the latest Naver price was already compared with a KIS price (one check per Naver price)
    ADD COLUMN naver_compared      BOOLEAN NOT NULL DEFAULT false,
    -- the latest HIGH discrepancy: the quality score drops while it is recent
    ADD COLUMN high_discrepancy_ts TIMESTAMPTZ;

-- prices_best and freshness rewrite each symbol's row several times a second: free room on every
-- page keeps those updates HOT (no new index entry) and lets pages prune themselves between vacuums.
ALTER TABLE market.prices_best SET (fillfactor = 50);
ALTER TABLE market.freshness SET (fillfactor = 50);

ALTER TABLE market.sync_jobs
    -- a PENDING job is not claimed before this time (retry back-off)
    ADD COLUMN run_after TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- node number of the process running a RUNNING job: its liveness lock is (1705, node)
    ADD COLUMN node      INT;

-- Node numbers of PriceSync processes (SyncNode); wraps around long after the nodes it named died.
CREATE SEQUENCE market.sync_node_seq AS integer MINVALUE 1 CYCLE;

-- At most one PENDING or RUNNING job per (symbol, source): enqueue is INSERT ... ON CONFLICT on it.
CREATE UNIQUE INDEX uq_sync_jobs_live ON market.sync_jobs (symbol, source)
    WHERE status IN ('PENDING', 'RUNNING');

-- Serves the claim: WHERE status = 'PENDING' AND source = ? AND run_after <= ?
-- ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED. Only waiting jobs are in it, so it
-- stays small however much history the table keeps.
CREATE INDEX idx_sync_jobs_claim ON market.sync_jobs (source, priority DESC, id)
    WHERE status = 'PENDING';

-- Replaced by idx_sync_jobs_claim: it also indexes every DONE and FAILED job, so a claim walks
-- history and every status change pays for one more index entry.
DROP INDEX market.idx_sync_jobs_status_priority;
