/**
 * The database: starts (or connects to) PostgreSQL, applies the migrations that create every
 * schema, table, role and grant, and hands each module a connection pool that runs as that module's
 * role, so that PostgreSQL itself refuses a write to a table the module does not own. Owns no
 * business tables.
 *
 * <p>The SQL style every module follows:
 *
 * <ul>
 *   <li><b>Where:</b> each statement is a {@code private static final String} text block in the
 *       class that owns the table, named for what it does ({@code CLAIM}, {@code LATEST_TICKS}).
 *   <li><b>Values are always bound</b> ({@code ?} or Jdbi's {@code :name}), never concatenated. The
 *       only text put together in code is a fixed fragment chosen by which arguments are present
 *       (an optional {@code AND symbol = ANY(:symbols)}, through Jdbi's {@code define}), a table
 *       name from a closed enum, or a state's literal from its enum ({@code JobStatus.sql}).
 *   <li><b>Jdbi</b> for reads and small writes on a module's pool ({@code Database.jdbi(role)}).
 *   <li><b>Plain JDBC</b> where the statement runs on a connection the caller owns: inside another
 *       statement's transaction (an ingest chunk and its ledger row, a leader's write and its term
 *       check), for {@code COPY}, for hot batched writes ({@code unnest} arrays), and on the
 *       dedicated connection of a session lock.
 *   <li><b>States</b> stored as text are an enum in Java and a CHECK in the table, listing the same
 *       values.
 * </ul>
 */
package io.krxtrader.db;
