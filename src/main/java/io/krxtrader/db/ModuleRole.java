package io.krxtrader.db;

import java.util.Locale;

/**
 * The modules that write to the database, each with its own PostgreSQL role ({@code krx_<module>}).
 * Every role may read every table; the migrations grant each one write access to the tables it owns
 * (see {@code R__grants.sql}), so a module writing another module's table gets SQLSTATE 42501.
 */
public enum ModuleRole {
  PRICESYNC,
  EXIT,
  REENTRY,
  ROUTER,
  EXECUTION,
  OBSERVER,
  PORTFOLIO,
  SYSTEM;

  /** The PostgreSQL role name. */
  public String roleName() {
    return "krx_" + name().toLowerCase(Locale.ROOT);
  }

  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
