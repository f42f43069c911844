package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Naver Finance's current polling endpoint, {@code GET /api/realtime/domestic/stock/{codes}}
 * (REFERENCE.md §7), in batches of at most {@value #BATCH} codes. Answers are read in the current
 * shape or the older {@code result.areas[].datas[]} one ({@link NaverAnswer}). Every requested
 * symbol must come back with a quote: when some do not (an unknown shape, a renamed field, a symbol
 * left out, a halted one priced "-"), {@link #quotes} throws {@link NaverMissingQuotesException}
 * naming the shape it saw, after polling every batch and with the quotes that did parse, and the
 * answer is counted in {@link #answersMissingQuotes()}. Unofficial: no key, no SLA; it sends a
 * browser-like User-Agent and the finance Referer as browsers do.
 */
public final class NaverPolling {

  public static final int BATCH = 60;
  static final String PATH = "/api/realtime/domestic/stock/";

  private final KisHttp http;
  private final URI baseUrl;
  private final InstantSource clock;
  private final AtomicLong answersMissingQuotes = new AtomicLong();
  private final AtomicLong symbolsMissingQuotes = new AtomicLong();

  NaverPolling(KisHttp http, URI baseUrl, InstantSource clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public NaverQuotes quotes(Collection<Symbol> symbols) {
    List<Symbol> all = new ArrayList<>(new LinkedHashSet<>(symbols));
    List<NaverQuote> quotes = new ArrayList<>();
    Map<Symbol, String> missing = new LinkedHashMap<>();
    List<String> shapes = new ArrayList<>();
    Duration interval = Duration.ofSeconds(7);
    for (int start = 0; start < all.size(); start += BATCH) {
      List<Symbol> batch = all.subList(start, Math.min(all.size(), start + BATCH));
      String codes = batch.stream().map(Symbol::code).collect(Collectors.joining(","));
      String path = PATH + codes;
      HttpRequest.Builder request =
          HttpRequest.newBuilder(KisHttp.resolve(baseUrl, path, Map.of()))
              .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) krx-trader")
              .header("Referer", "https://finance.naver.com/")
              .GET();
      KisHttp.Answer answer = http.send(request, PATH);
      if (answer.status() != 200) {
        throw new KisException("Naver polling failed [status=" + answer.status() + "]");
      }
      NaverAnswer read = NaverAnswer.read(answer.body(), clock.instant());
      if (read.pollingInterval.isPresent()) {
        interval = read.pollingInterval.get();
      }
      int missingBefore = missing.size();
      for (Symbol symbol : batch) {
        NaverQuote quote = read.quotes.get(symbol);
        if (quote != null) {
          quotes.add(quote);
        } else {
          missing.put(symbol, read.unusable.getOrDefault(symbol, "no item for the symbol"));
        }
      }
      if (missing.size() > missingBefore) {
        answersMissingQuotes.incrementAndGet();
        symbolsMissingQuotes.addAndGet(missing.size() - missingBefore);
        shapes.add(read.shape + " with top-level keys " + NaverAnswer.keys(answer.body()));
      }
    }
    NaverQuotes result = new NaverQuotes(quotes, interval);
    if (!missing.isEmpty()) {
      throw new NaverMissingQuotesException(
          "Naver polling gave no quote for "
              + missing.size()
              + " of "
              + all.size()
              + " requested symbols [shape="
              + String.join("; ", new LinkedHashSet<>(shapes))
              + ", missing="
              + missing.entrySet().stream()
                  .map(e -> e.getKey().code() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", "))
              + "]",
          result,
          missing);
    }
    return result;
  }

  /** One item of the current shape; empty without a usable price. */
  static Optional<NaverQuote> parse(Fields item, Instant receivedAt) {
    return NaverAnswer.current(item, receivedAt);
  }

  /**
   * Answers (HTTP 200) that gave no quote for at least one requested symbol since the client
   * started: a metric for a format change on Naver's side, which would otherwise look like a quiet
   * market.
   */
  public long answersMissingQuotes() {
    return answersMissingQuotes.get();
  }

  /** Requested symbols that got no quote, summed over those answers. */
  public long symbolsMissingQuotes() {
    return symbolsMissingQuotes.get();
  }
}
