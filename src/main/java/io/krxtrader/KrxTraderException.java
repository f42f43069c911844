package io.krxtrader;

/**
 * Root of every fault krx-trader raises. Business outcomes (a gate result, a DENIED order) are
 * values, not exceptions; this is for things that should not happen or cannot go on.
 *
 * <p>Messages are stable and structured, {@code what went wrong [key=value, ...]}, so that a user
 * can grep for them and a test can match them. They never contain secrets.
 */
public class KrxTraderException extends RuntimeException {

  public KrxTraderException(String message) {
    super(message);
  }

  public KrxTraderException(String message, Throwable cause) {
    super(message, cause);
  }
}
