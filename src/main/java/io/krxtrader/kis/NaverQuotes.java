package io.krxtrader.kis;

import java.time.Duration;
import java.util.List;

/**
 * One Naver poll: a quote for every requested symbol (a poll missing some is a {@link
 * NaverMissingQuotesException}, which carries the quotes it did get) and the polling interval Naver
 * asks clients to respect.
 */
public record NaverQuotes(List<NaverQuote> quotes, Duration pollingInterval) {

  public NaverQuotes {
    quotes = List.copyOf(quotes);
  }
}
