package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Naver poll that gave no quote for some requested symbols: an answer in a shape the client does
 * not know, items without the price field, symbols Naver left out, or halted ones (price "-"). The
 * message names the shape seen (its top-level keys) and each missing symbol's reason, so that a
 * format change on Naver's side is an error rather than a quiet market. The quotes that did parse
 * are kept in {@link #quotes()}: nothing else of the poll is lost.
 */
public final class NaverMissingQuotesException extends KisException {

  private final transient NaverQuotes quotes;
  private final transient Map<Symbol, String> missing;

  NaverMissingQuotesException(String message, NaverQuotes quotes, Map<Symbol, String> missing) {
    super(message);
    this.quotes = quotes;
    this.missing = new LinkedHashMap<>(missing);
  }

  /** The quotes of the symbols that did parse. */
  public NaverQuotes quotes() {
    return quotes;
  }

  /** Each requested symbol without a quote, with the reason. */
  public Map<Symbol, String> missing() {
    return Map.copyOf(missing);
  }
}
