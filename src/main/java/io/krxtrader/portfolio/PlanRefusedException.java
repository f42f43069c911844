package io.krxtrader.portfolio;

import io.krxtrader.KrxTraderException;

/** A plan command its state does not allow (approving a done plan, cancelling an error one). */
public final class PlanRefusedException extends KrxTraderException {

  public PlanRefusedException(String message) {
    super(message);
  }
}
