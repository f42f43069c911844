package io.krxtrader.kis;

import java.time.Duration;
import java.util.List;

/**
 * One Naver poll: the quotes it returned (halted or unknown symbols are simply missing) and the
 * polling interval Naver asks clients to respect.
 */
public record NaverQuotes(List<NaverQuote> quotes, Duration pollingInterval) {

  public NaverQuotes {
    quotes = List.copyOf(quotes);
  }
}
