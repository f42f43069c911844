package io.krxtrader.system;

import java.sql.SQLException;

/**
 * A leader's write was refused because its term is no longer the current one (another process began
 * a newer term). The transaction must be rolled back; the module stops acting.
 */
public final class StaleTermException extends SQLException {

  /** The SQLSTATE {@code system.assert_current_term} raises. */
  public static final String SQLSTATE = "KR001";

  StaleTermException(String message, SQLException cause) {
    super(message, SQLSTATE, cause);
  }
}
