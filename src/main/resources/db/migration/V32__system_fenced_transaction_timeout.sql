-- system.*: a fenced write transaction may not sit idle (issue 12). assert_current_term holds FOR
-- SHARE on the leader's current-term row until the caller's transaction ends, and the next term
-- waits for it: a leader frozen (SIGSTOP, a hung JVM) inside such a transaction would block every
-- successor. So the check also sets, for the rest of the caller's transaction, an idle-in-
-- transaction timeout of 15 s (the time after which a leader is stale): the server ends a frozen
-- writer's session, its transaction rolls back, and the successor's term begins.
CREATE OR REPLACE FUNCTION system.assert_current_term(leader text, the_term bigint)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    current_term bigint;
BEGIN
    PERFORM set_config('idle_in_transaction_session_timeout', '15s', true);
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
