-- system.*: leader terms and write fencing (issue 12). Both tables are written only through
-- io.krxtrader.system.Leadership, by every module that elects a leader, on its own role.
--
-- A term is one leader's tenure: it begins when a process, holding its leader's advisory lock
-- (space 1001), raises system.current_terms.term by one. Terms only grow. A leader's write
-- transaction calls system.assert_current_term(leader, term), which takes FOR SHARE on the
-- leader's current_terms row: the next leader's raise of the term waits for every such transaction
-- of the old term to end, and every later check by the old term fails. So no write of an old term
-- can land after a new term began, whatever the lock alone says.

-- Every term ever begun, for the operator (who led when, from where).
CREATE TABLE system.leader_terms (
    leader_name TEXT NOT NULL,
    term        BIGINT NOT NULL CHECK (term > 0),
    instance_id TEXT NOT NULL,
    host        TEXT NOT NULL,
    pid         INT NOT NULL,
    started_ts  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (leader_name, term)
);

-- The current term of each leader: one row, the fencing token.
CREATE TABLE system.current_terms (
    leader_name TEXT PRIMARY KEY,
    term        BIGINT NOT NULL CHECK (term > 0),
    started_ts  TIMESTAMPTZ NOT NULL
);

-- Fails (SQLSTATE KR001) unless the_term is leader's current term; on success the caller's
-- transaction holds FOR SHARE on the current-term row until it ends, so a new term waits for it.
-- SECURITY DEFINER: FOR SHARE needs UPDATE privilege, which the writers' roles do not get.
CREATE FUNCTION system.assert_current_term(leader text, the_term bigint)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    current_term bigint;
BEGIN
    SELECT c.term INTO current_term
      FROM system.current_terms c
     WHERE c.leader_name = leader
       FOR SHARE;
    IF current_term IS NULL THEN
        RAISE EXCEPTION 'leader % has no term, so term % is not current', leader, the_term
            USING ERRCODE = 'KR001';
    END IF;
    IF current_term <> the_term THEN
        RAISE EXCEPTION 'term % of leader % is over: the current term is %',
            the_term, leader, current_term
            USING ERRCODE = 'KR001';
    END IF;
END;
$fn$;

REVOKE ALL ON FUNCTION system.assert_current_term(text, bigint) FROM PUBLIC;
