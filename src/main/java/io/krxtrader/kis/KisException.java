package io.krxtrader.kis;

import io.krxtrader.KrxTraderException;

/**
 * A KIS call that could not be completed: the network failed, the call timed out, or the answer
 * made no sense. <strong>A failed or timed-out order call may still have reached the broker and
 * been executed</strong>; that is why order intents carry idempotency keys and why the caller must
 * look at the broker's order list before sending again. Messages never contain credentials.
 */
public class KisException extends KrxTraderException {

  public KisException(String message) {
    super(message);
  }

  public KisException(String message, Throwable cause) {
    super(message, cause);
  }
}
