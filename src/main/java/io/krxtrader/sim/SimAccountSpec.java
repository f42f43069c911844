package io.krxtrader.sim;

import io.krxtrader.kis.AccountNumber;

/**
 * An app key the simulator accepts and the account behind it. {@code paper} keys are refused by a
 * simulator in real mode with EGW02004, as KIS's real domain does.
 */
public record SimAccountSpec(
    String appKey,
    String appSecret,
    boolean paper,
    AccountNumber account,
    String htsId,
    long cash) {

  public SimAccountSpec {
    if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isBlank()) {
      throw new IllegalArgumentException("an app key and secret are required");
    }
    if (cash < 0) {
      throw new IllegalArgumentException("starting cash must not be negative");
    }
  }

  @Override
  public String toString() {
    return "SimAccountSpec[account=" + account + ", paper=" + paper + "]";
  }
}
