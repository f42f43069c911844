-- Schemas. market, trade and system come from seed 000; the seed-004 tables were unqualified in a
-- database the seed called observer_db, and live here in observer and portfolio. (system already
-- exists: Flyway creates it first to keep its history table there.)
CREATE SCHEMA IF NOT EXISTS market;
CREATE SCHEMA IF NOT EXISTS trade;
CREATE SCHEMA IF NOT EXISTS observer;
CREATE SCHEMA IF NOT EXISTS portfolio;

-- One role per module. NOLOGIN: the application logs in as its own user and each module's pool
-- runs SET ROLE krx_<module>; the grants in R__grants.sql decide what each role may write.
-- Roles belong to the whole server, so they may already exist (another krx-trader database, or
-- created by hand by an administrator who does not want to give the application CREATEROLE).
DO $roles$
DECLARE
    module_role text;
    can_switch boolean;
BEGIN
    FOREACH module_role IN ARRAY ARRAY[
        'krx_pricesync', 'krx_exit', 'krx_reentry', 'krx_router',
        'krx_execution', 'krx_observer', 'krx_portfolio', 'krx_system']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = module_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', module_role);
        END IF;
        IF current_setting('server_version_num')::int >= 160000 THEN
            can_switch := pg_has_role(current_user, module_role, 'SET');
        ELSE
            can_switch := pg_has_role(current_user, module_role, 'MEMBER');
        END IF;
        IF NOT can_switch THEN
            EXECUTE format('GRANT %I TO %I', module_role, current_user);
        END IF;
    END LOOP;
END
$roles$;
