package io.krxtrader.trade.router;

import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.TradingCalendar;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.OptionalLong;

/**
 * Gate 3, the market, on {@code market.prices_best} and the previous close ({@code
 * observer.eod_prices}): in order,
 *
 * <ul>
 *   <li>before {@code router.entry-from} (09:00 KST): WAIT BEFORE_OPEN; after {@code
 *       router.entry-until} (15:20): FAIL AFTER_ENTRY_WINDOW;
 *   <li>no best price, or one older than {@code router.max-price-age} (5 s) or with quality below
 *       {@code router.min-quality} (50): WAIT PRICE_NOT_FRESH until the price deadline, then FAIL
 *       PRICE_NOT_FRESH;
 *   <li>no previous close (the daily limits cannot be known): FAIL NO_PREVIOUS_CLOSE;
 *   <li>price within {@code router.limit-margin-pct} (2 %) of the upper or lower limit (±30 % of
 *       the previous close): FAIL NEAR_UPPER_LIMIT / NEAR_LOWER_LIMIT;
 *   <li>bid and ask both known and the spread over their mid above {@code router.max-spread-bp} (50
 *       bp = 0.5 %): FAIL SPREAD_TOO_WIDE.
 * </ul>
 *
 * A pass carries the entry price: the ask when known, else the last price (both on the tick grid).
 */
final class MarketGate {

  record Answer(Gate gate, OptionalLong price) {}

  private static final String BEST =
      "SELECT ts, last_price, bid, ask, quality_score FROM market.prices_best WHERE symbol = ?";
  private static final String PREVIOUS_CLOSE =
      """
      SELECT coalesce(
          (SELECT prev_close FROM observer.eod_prices WHERE symbol = ? AND trade_date = ?),
          (SELECT close FROM observer.eod_prices WHERE symbol = ? AND trade_date < ?
            ORDER BY trade_date DESC LIMIT 1))
      """;

  private final RouterConfig config;

  MarketGate(RouterConfig config) {
    this.config = config;
  }

  Answer check(Connection connection, String symbol, Instant now, Instant priceDeadline)
      throws SQLException {
    LocalTime time = now.atZone(TradingCalendar.KST).toLocalTime();
    if (time.isBefore(config.entryFrom())) {
      return wait("BEFORE_OPEN", "now=" + time + " from=" + config.entryFrom());
    }
    if (!time.isBefore(config.entryUntil())) {
      return fail("AFTER_ENTRY_WINDOW", "now=" + time + " until=" + config.entryUntil());
    }
    Instant ts;
    long last;
    BigDecimal bid;
    BigDecimal ask;
    int quality;
    try (PreparedStatement statement = connection.prepareStatement(BEST)) {
      statement.setString(1, symbol);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return notFresh(now, priceDeadline, "no best price");
        }
        ts = row.getTimestamp(1).toInstant();
        last = row.getBigDecimal(2).longValue();
        bid = row.getBigDecimal(3);
        ask = row.getBigDecimal(4);
        quality = row.getInt(5);
      }
    }
    Duration age = Duration.between(ts, now);
    if (age.compareTo(config.maxPriceAge()) > 0 || quality < config.minQuality()) {
      return notFresh(now, priceDeadline, "age=" + age.toMillis() + "ms quality=" + quality);
    }
    LocalDate day = TradingCalendar.kstDate(now);
    BigDecimal previous;
    try (PreparedStatement statement = connection.prepareStatement(PREVIOUS_CLOSE)) {
      statement.setString(1, symbol);
      statement.setObject(2, day);
      statement.setString(3, symbol);
      statement.setObject(4, day);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        previous = row.getBigDecimal(1);
      }
    }
    if (previous == null) {
      return fail("NO_PREVIOUS_CLOSE", "symbol=" + symbol);
    }
    PriceLimits limits = PriceLimits.fromBase(previous.longValue());
    long price = ask != null && ask.signum() > 0 ? ask.longValue() : last;
    long margin = config.limitMarginPercent();
    if (price * 100 >= limits.upper() * (100 - margin)) {
      return fail("NEAR_UPPER_LIMIT", "price=" + price + " upper=" + limits.upper());
    }
    if (price * 100 <= limits.lower() * (100 + margin)) {
      return fail("NEAR_LOWER_LIMIT", "price=" + price + " lower=" + limits.lower());
    }
    if (bid != null && ask != null && bid.signum() > 0 && ask.signum() > 0) {
      long b = bid.longValue();
      long a = ask.longValue();
      // spread / mid > max bp  <=>  (a - b) * 20000 > max * (a + b)
      if ((a - b) * 20_000 > (long) config.maxSpreadBasisPoints() * (a + b)) {
        return fail(
            "SPREAD_TOO_WIDE",
            "bid=" + b + " ask=" + a + " max=" + config.maxSpreadBasisPoints() + "bp");
      }
    }
    return new Answer(new Gate.Pass(), OptionalLong.of(price));
  }

  private static Answer notFresh(Instant now, Instant deadline, String detail) {
    return now.isBefore(deadline)
        ? wait("PRICE_NOT_FRESH", detail + " waiting until " + deadline)
        : fail("PRICE_NOT_FRESH", detail + " deadline " + deadline + " passed");
  }

  private static Answer wait(String reason, String detail) {
    return new Answer(new Gate.Wait(reason, detail), OptionalLong.empty());
  }

  private static Answer fail(String reason, String detail) {
    return new Answer(Gate.fail(reason, detail), OptionalLong.empty());
  }
}
