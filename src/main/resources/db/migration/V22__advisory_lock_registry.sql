-- The advisory locks krx-trader takes, all in one list (the code's io.krxtrader.db.LockSpace is the
-- same list; a new lock space is added to both). Every key is two integers (space, id); pg_locks
-- shows them as classid = space, objid = id, objsubid = 2.
--
--   (1001, leader)  session lock: the one acting leader of a module; the id names the module
--                   (exit, re-entry, router, execution, portfolio, the observer collectors, the
--                   PriceSync scan), written by system's leader election.
--   (1702, parent)  transaction lock: creating the day partitions of one parent table
--                   (system.ensure_day_partitions; id = parent oid mod 2^31-1).
--   (1705, node)    session lock: the PriceSync process with this node number is alive (market).
--   (1706, 1)       session lock: the PriceSync process that runs the stale scan and the job rescue.
--   (1707, bucket)  transaction lock: serialises best-price merges of one symbol bucket (market).
--
-- Only the list lives here; the statement below keeps it visible in the database too.
COMMENT ON TABLE system.process_locks IS
    'Leaders of the advisory lock space 1001; all lock spaces are listed in migration V22 and io.krxtrader.db.LockSpace';
