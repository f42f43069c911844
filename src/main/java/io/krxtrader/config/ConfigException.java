package io.krxtrader.config;

import io.krxtrader.KrxTraderException;

/**
 * Configuration that cannot be used. The message names the key, the source and the expected form.
 */
public final class ConfigException extends KrxTraderException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
