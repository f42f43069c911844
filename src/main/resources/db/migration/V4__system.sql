-- system.*: leader election and process bookkeeping (seed 000, "System Schema").

CREATE TABLE system.process_locks (
    lock_name    TEXT PRIMARY KEY,
    instance_id  TEXT NOT NULL,
    acquired_ts  TIMESTAMPTZ NOT NULL,
    heartbeat_ts TIMESTAMPTZ NOT NULL,
    host         TEXT NOT NULL,
    pid          INT NOT NULL
);

CREATE INDEX idx_process_locks_heartbeat ON system.process_locks (heartbeat_ts DESC);

-- Day partitions of the tick tables, one per KST calendar day (00:00 to 24:00 Asia/Seoul, so the
-- 08:30 pre-open auction and the 15:30 close land in the same partition).
-- SECURITY DEFINER: the owning modules' roles may create partitions (a back-fill of old days, the
-- coming week at start-up) without being allowed any other DDL. Call it before, never inside, a
-- transaction that writes the parent table: creating a partition locks the parent.
CREATE FUNCTION system.ensure_day_partitions(parent regclass, first_day date, last_day date)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    parent_schema  text;
    parent_name    text;
    partition_name text;
    day            date;
    created        integer := 0;
BEGIN
    IF parent NOT IN ('observer.scalp_ticks'::regclass, 'market.prices_ticks'::regclass) THEN
        RAISE EXCEPTION 'not a day-partitioned table: %', parent;
    END IF;
    IF first_day IS NULL OR last_day IS NULL OR last_day < first_day THEN
        RETURN 0;
    END IF;
    IF last_day - first_day > 3660 THEN
        RAISE EXCEPTION 'refusing to create more than ten years of partitions at once (% to %)',
            first_day, last_day;
    END IF;
    SELECT n.nspname, c.relname INTO parent_schema, parent_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = parent;
    PERFORM set_config('lock_timeout', '10s', true);
    -- Two creators of the same table's partitions queue here instead of failing on each other.
    PERFORM pg_advisory_xact_lock(1702, (parent::oid::bigint % 2147483647)::int);
    day := first_day;
    WHILE day <= last_day LOOP
        partition_name := parent_name || '_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(format('%I.%I', parent_schema, partition_name)) IS NULL THEN
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                parent_schema, partition_name, parent,
                day::timestamp AT TIME ZONE 'Asia/Seoul',
                (day + 1)::timestamp AT TIME ZONE 'Asia/Seoul');
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END;
$fn$;

REVOKE ALL ON FUNCTION system.ensure_day_partitions(regclass, date, date) FROM PUBLIC;
