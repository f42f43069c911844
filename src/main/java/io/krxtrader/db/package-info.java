/**
 * The database: starts (or connects to) PostgreSQL, applies the migrations that create every
 * schema, table, role and grant, and hands each module a connection pool that runs as that module's
 * role, so that PostgreSQL itself refuses a write to a table the module does not own. Owns no
 * business tables.
 */
package io.krxtrader.db;
