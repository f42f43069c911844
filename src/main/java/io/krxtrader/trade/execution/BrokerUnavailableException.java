package io.krxtrader.trade.execution;

import io.krxtrader.KrxTraderException;

/** The broker could not be asked (network, timeout, throttling, an error answer). */
public final class BrokerUnavailableException extends KrxTraderException {

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
