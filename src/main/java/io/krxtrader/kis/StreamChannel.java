package io.krxtrader.kis;

/**
 * The real-time feeds this client uses: KRX trades (H0STCNT0), the 10-level book (H0STASP0) and the
 * account's execution notices (H0STCNI0, H0STCNI9 on paper; keyed by HTS id, encrypted).
 */
public enum StreamChannel {
  TRADES("H0STCNT0"),
  QUOTES("H0STASP0"),
  EXECUTIONS("H0STCNI0");

  private final String trId;

  StreamChannel(String trId) {
    this.trId = trId;
  }

  public String trId(boolean paper) {
    return this == EXECUTIONS && paper ? "H0STCNI9" : trId;
  }
}
