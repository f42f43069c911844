package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Naver Finance's current polling endpoint, {@code GET /api/realtime/domestic/stock/{codes}}
 * (REFERENCE.md §7), in batches of at most {@value #BATCH} codes. The numeric {@code …Raw} twins
 * are preferred; the formatted strings ({@code "268,500"}) are the fallback. Items without a usable
 * price ({@code closePrice "-"}, halted or delisted) are left out. Unofficial: no key, no SLA; it
 * sends a browser-like User-Agent and the finance Referer as browsers do.
 */
public final class NaverPolling {

  public static final int BATCH = 60;
  static final String PATH = "/api/realtime/domestic/stock/";

  private final KisHttp http;
  private final URI baseUrl;
  private final InstantSource clock;

  NaverPolling(KisHttp http, URI baseUrl, InstantSource clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public NaverQuotes quotes(Collection<Symbol> symbols) {
    List<Symbol> all = new ArrayList<>(symbols);
    List<NaverQuote> quotes = new ArrayList<>();
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
      Instant now = clock.instant();
      long millis = answer.body().path("pollingInterval").asLong(0);
      if (millis > 0) {
        interval = Duration.ofMillis(millis);
      }
      for (JsonNode item : answer.body().path("datas")) {
        parse(Fields.of(item), now).ifPresent(quotes::add);
      }
    }
    return new NaverQuotes(quotes, interval);
  }

  static Optional<NaverQuote> parse(Fields item, Instant receivedAt) {
    String code = item.trimmed("itemCode");
    if (!Symbol.isValid(code)) {
      return Optional.empty();
    }
    long price = number(item, "closePrice");
    if (price <= 0) {
      return Optional.empty();
    }
    Optional<OffsetDateTime> tradedAt = Optional.empty();
    String at = item.trimmed("localTradedAt");
    if (!at.isEmpty()) {
      try {
        tradedAt = Optional.of(OffsetDateTime.parse(at));
      } catch (DateTimeParseException e) {
        tradedAt = Optional.empty();
      }
    }
    return Optional.of(
        new NaverQuote(
            Symbol.of(code),
            item.trimmed("stockName"),
            receivedAt,
            price,
            number(item, "compareToPreviousClosePrice"),
            item.has("fluctuationsRatioRaw")
                ? item.decimal("fluctuationsRatioRaw")
                : safeDecimal(item, "fluctuationsRatio"),
            number(item, "openPrice"),
            number(item, "highPrice"),
            number(item, "lowPrice"),
            number(item, "accumulatedTradingVolume"),
            item.has("accumulatedTradingValueRaw")
                ? item.longValue("accumulatedTradingValueRaw")
                : 0,
            item.trimmed("marketStatus"),
            tradedAt));
  }

  /** The {@code Raw} twin if present, else the formatted value; "-" and junk are 0. */
  private static long number(Fields item, String name) {
    try {
      if (item.has(name + "Raw")) {
        return item.longValue(name + "Raw");
      }
      return item.longValue(name);
    } catch (KisException e) {
      return 0;
    }
  }

  private static java.math.BigDecimal safeDecimal(Fields item, String name) {
    try {
      return item.decimal(name);
    } catch (KisException e) {
      return java.math.BigDecimal.ZERO;
    }
  }
}
