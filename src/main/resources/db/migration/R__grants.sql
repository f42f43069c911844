-- Who may write what: the whole truth, re-applied whenever this file changes (a Flyway repeatable
-- migration). Every module role reads everything; each writes only what it owns (the
-- ownership table of README's "How it works" and seed 000's "SSOT" table). A write by any other role fails with SQLSTATE 42501.

-- Start from nothing, so that removing a line here removes the privilege: what the roles hold on
-- the schemas, their tables, sequences and functions, and the default privileges of later tables.
REVOKE ALL ON SCHEMA market, trade, system, observer, portfolio
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
REVOKE ALL ON ALL TABLES IN SCHEMA market, trade, system, observer, portfolio
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA market, trade, system, observer, portfolio
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
REVOKE ALL ON ALL ROUTINES IN SCHEMA market, trade, system, observer, portfolio
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA market, trade, system, observer, portfolio
    REVOKE ALL ON TABLES
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA market, trade, system, observer, portfolio
    REVOKE ALL ON SEQUENCES
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA market, trade, system, observer, portfolio
    REVOKE ALL ON ROUTINES
    FROM krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
         krx_portfolio, krx_system;

-- Everyone reads everything, including tables created later by the migration user.
GRANT USAGE ON SCHEMA market, trade, system, observer, portfolio
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;
GRANT SELECT ON ALL TABLES IN SCHEMA market, trade, system, observer, portfolio
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA market, trade, system, observer, portfolio
    GRANT SELECT ON TABLES
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;

-- Schemas owned whole by one module: every table in them, now and later (day partitions included).
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA market TO krx_pricesync;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA market TO krx_pricesync;
ALTER DEFAULT PRIVILEGES IN SCHEMA market GRANT INSERT, UPDATE, DELETE ON TABLES TO krx_pricesync;
ALTER DEFAULT PRIVILEGES IN SCHEMA market GRANT USAGE ON SEQUENCES TO krx_pricesync;

GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA observer TO krx_observer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA observer TO krx_observer;
ALTER DEFAULT PRIVILEGES IN SCHEMA observer GRANT INSERT, UPDATE, DELETE ON TABLES TO krx_observer;
ALTER DEFAULT PRIVILEGES IN SCHEMA observer GRANT USAGE ON SEQUENCES TO krx_observer;

GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA portfolio TO krx_portfolio;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA portfolio TO krx_portfolio;
ALTER DEFAULT PRIVILEGES IN SCHEMA portfolio GRANT INSERT, UPDATE, DELETE ON TABLES TO krx_portfolio;
ALTER DEFAULT PRIVILEGES IN SCHEMA portfolio GRANT USAGE ON SEQUENCES TO krx_portfolio;

-- Tick partitions: the owners of the partitioned tables may add days.
GRANT EXECUTE ON FUNCTION system.ensure_day_partitions(regclass, date, date)
    TO krx_observer, krx_pricesync;

-- trade: shared schema, table by table.
-- exit: the exit state machine and its signals; positions together with execution (seed: Exit, Execution).
GRANT INSERT, UPDATE, DELETE ON trade.position_state, trade.exit_signals TO krx_exit;
GRANT INSERT, UPDATE ON trade.positions TO krx_exit, krx_execution;
-- reentry: its candidates.
GRANT INSERT, UPDATE, DELETE ON trade.reentry_candidates TO krx_reentry;
-- router: picks and decisions.
GRANT INSERT, UPDATE, DELETE ON trade.picks, trade.pick_decisions TO krx_router;
-- execution: orders, fills and the broker's holdings.
GRANT INSERT, UPDATE, DELETE ON trade.orders, trade.fills, trade.holdings TO krx_execution;
-- order_intents. seed: "Exit, Reentry only" — but the router creates entry intents (01-system),
-- portfolio creates REBAL intents (04-portfolio) and execution must move an intent's status
-- (NEW -> SUBMITTING -> SUBMITTED ...). Creators may insert; execution may update status only.
GRANT INSERT ON trade.order_intents TO krx_exit, krx_reentry, krx_router, krx_portfolio;
GRANT INSERT ON trade.intent_cancellations TO krx_exit, krx_reentry, krx_router, krx_portfolio;
GRANT UPDATE (status, updated_ts) ON trade.order_intents TO krx_execution;

-- system: leader locks are written by every module that elects a leader (seed: all modules).
GRANT INSERT, UPDATE, DELETE ON system.process_locks
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;

-- system (issue 12): leader terms and the fencing check, used by every module that elects a
-- leader (through io.krxtrader.system.Leadership).
GRANT INSERT ON system.leader_terms
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;
GRANT INSERT, UPDATE ON system.current_terms
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;
GRANT EXECUTE ON FUNCTION system.assert_current_term(text, bigint)
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;

-- execution (issue 13): the columns execution records on an intent (V41) and its mismatch table.
GRANT UPDATE (status, updated_ts, submitted_ts, submit_term, send_count, empty_checks,
              last_check_ts, broker_msg_cd, broker_message, status_reason)
    ON trade.order_intents TO krx_execution;
GRANT INSERT, UPDATE, DELETE ON trade.holding_mismatches TO krx_execution;
-- execution (issue 13): the execution notices it merged with the polled fills (V33).
GRANT INSERT, UPDATE, DELETE ON trade.execution_notices TO krx_execution;

-- trade (issue 15, router): producers and their runs (V60), beside picks and decisions above.
GRANT INSERT, UPDATE, DELETE ON trade.pick_runs, trade.pick_producers TO krx_router;

-- system (issue 12): the kill switch. krx_system (the halt and resume commands) writes the state
-- and its history; the modules that create or send intents record what a halt refused and read
-- the state through system.current_halt().
GRANT INSERT ON system.halt_events TO krx_system;
GRANT UPDATE ON system.halt_state TO krx_system;
GRANT INSERT ON system.refused_actions
    TO krx_exit, krx_reentry, krx_router, krx_execution, krx_portfolio, krx_system;
GRANT EXECUTE ON FUNCTION system.current_halt()
    TO krx_pricesync, krx_exit, krx_reentry, krx_router, krx_execution, krx_observer,
       krx_portfolio, krx_system;

-- web (issue 17): the operator surface records every state-changing request and its caller as
-- krx_system (V71).
GRANT INSERT ON system.web_actions TO krx_system;
