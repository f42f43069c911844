package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Naver polling answer read in either shape it has had (REFERENCE.md §7):
 *
 * <ul>
 *   <li><b>current</b> — {@code {"pollingInterval":7000,"datas":[{itemCode, closePrice "268,500",
 *       signed compareToPreviousClosePrice, …Raw numeric twins, localTradedAt}]}}; the {@code Raw}
 *       twins are preferred, the formatted strings are the fallback;
 *   <li><b>older</b> — {@code
 *       {"resultCode":"success","result":{"pollingInterval":…,"areas":[{"name":
 *       "SERVICE_ITEM","datas":[{cd, nm, nv, sv, cv, cr, rf, ov, hv, lv, aq, aa, ms}]}]}}}, which
 *       the service used for years: {@code cv} and {@code cr} are unsigned and {@code rf} (1 limit
 *       up, 2 up, 3 unchanged, 4 limit down, 5 down) gives their sign; it has no trade time.
 * </ul>
 *
 * Anything else is an unknown shape. For each item that gives no quote the reason is kept (a price
 * of "-" for a halted or delisted symbol, or an item without the price field), so that the caller
 * can say which symbols got no quote and why, naming the shape it saw.
 */
final class NaverAnswer {

  final String shape;
  final Map<Symbol, NaverQuote> quotes = new LinkedHashMap<>();
  final Map<Symbol, String> unusable = new LinkedHashMap<>();
  final Optional<Duration> pollingInterval;

  private NaverAnswer(String shape, Optional<Duration> pollingInterval) {
    this.shape = shape;
    this.pollingInterval = pollingInterval;
  }

  static NaverAnswer read(JsonNode body, Instant receivedAt) {
    JsonNode datas = body.path("datas");
    if (datas.isArray()) {
      NaverAnswer answer = new NaverAnswer("current datas[]", interval(body));
      for (JsonNode item : datas) {
        answer.add(Fields.of(item), "itemCode", "closePrice", receivedAt, true);
      }
      return answer;
    }
    JsonNode areas = body.path("result").path("areas");
    if (areas.isArray()) {
      NaverAnswer answer =
          new NaverAnswer("older result.areas[].datas[]", interval(body.path("result")));
      for (JsonNode area : areas) {
        for (JsonNode item : area.path("datas")) {
          answer.add(Fields.of(item), "cd", "nv", receivedAt, false);
        }
      }
      return answer;
    }
    return new NaverAnswer("unknown", Optional.empty());
  }

  /** The top-level keys of {@code body}, for error messages. */
  static String keys(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "(none)" : String.join(",", names);
  }

  private static Optional<Duration> interval(JsonNode container) {
    long millis = container.path("pollingInterval").asLong(0);
    return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
  }

  private void add(
      Fields item, String codeField, String priceField, Instant receivedAt, boolean current) {
    String code = item.trimmed(codeField);
    if (!Symbol.isValid(code)) {
      return;
    }
    Symbol symbol = Symbol.of(code);
    Optional<NaverQuote> quote = current ? current(item, receivedAt) : older(item, receivedAt);
    if (quote.isPresent()) {
      quotes.put(symbol, quote.get());
    } else if (!item.has(priceField) && !item.has(priceField + "Raw")) {
      unusable.put(symbol, "item without " + priceField + " [item keys=" + item.names() + "]");
    } else {
      unusable.put(
          symbol, priceField + " \"" + item.trimmed(priceField) + "\" (halted or delisted)");
    }
  }

  /** One item of the current shape; empty without a usable price. */
  static Optional<NaverQuote> current(Fields item, Instant receivedAt) {
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
                ? safeDecimal(item, "fluctuationsRatioRaw")
                : safeDecimal(item, "fluctuationsRatio"),
            number(item, "openPrice"),
            number(item, "highPrice"),
            number(item, "lowPrice"),
            number(item, "accumulatedTradingVolume"),
            item.has("accumulatedTradingValueRaw") ? number(item, "accumulatedTradingValueRaw") : 0,
            item.trimmed("marketStatus"),
            tradedAt));
  }

  /** One item of the older shape; empty without a usable price. */
  static Optional<NaverQuote> older(Fields item, Instant receivedAt) {
    String code = item.trimmed("cd");
    if (!Symbol.isValid(code)) {
      return Optional.empty();
    }
    long price = number(item, "nv");
    if (price <= 0) {
      return Optional.empty();
    }
    String direction = item.trimmed("rf");
    boolean down = direction.equals("4") || direction.equals("5");
    long change = Math.abs(number(item, "cv"));
    BigDecimal rate = safeDecimal(item, "cr").abs();
    return Optional.of(
        new NaverQuote(
            Symbol.of(code),
            item.trimmed("nm"),
            receivedAt,
            price,
            down ? -change : change,
            down ? rate.negate() : rate,
            number(item, "ov"),
            number(item, "hv"),
            number(item, "lv"),
            number(item, "aq"),
            number(item, "aa"),
            item.trimmed("ms"),
            Optional.empty()));
  }

  /** The {@code Raw} twin if present, else the value itself; "-" and junk are 0. */
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

  private static BigDecimal safeDecimal(Fields item, String name) {
    try {
      return item.decimal(name);
    } catch (KisException e) {
      return BigDecimal.ZERO;
    }
  }
}
