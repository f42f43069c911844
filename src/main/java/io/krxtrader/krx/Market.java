package io.krxtrader.krx;

/** The KRX market a stock is listed on. */
public enum Market {
  KOSPI,
  KOSDAQ
}
