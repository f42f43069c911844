package io.krxtrader.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.krx.PriceLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * inquire-daily-price (FHKST01010400, 주식현재가 일자별) in KIS's shape: one {@code output} array of the
 * latest 30 days, weeks or months ({@code FID_PERIOD_DIV_CODE} D, W or M), newest first, every
 * value a string. That fixed window is KIS's paging for this TR: there is no continuation (the
 * answer's {@code tr_cont} stays empty, and KIS's documentation points to
 * inquire-daily-itemchartprice for anything older). A week or month row sums the trading days in it
 * and is dated by its first trading day; the current day counts once it has traded. No corporate
 * actions are simulated, so both {@code FID_ORG_ADJ_PRC} values give the same prices.
 */
final class DailyPrices {

  static final int ROWS = 30;
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private DailyPrices() {}

  /** The answer for {@code days} (every traded day of the symbol, newest first). */
  static Reply reply(String period, List<DailyHistory.Day> days) {
    Function<LocalDate, LocalDate> bucket =
        switch (period) {
          case "D" -> date -> date;
          case "W" -> date -> date.with(DayOfWeek.MONDAY);
          case "M" -> date -> date.withDayOfMonth(1);
          default -> null;
        };
    if (bucket == null) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_FID_PERIOD_DIV_CODE");
    }
    // One more row than shown, so that the oldest shown row has a change against its predecessor.
    List<DailyHistory.Day> rows = group(days, bucket, ROWS + 1);
    ObjectNode body = Reply.success("MCA00000", "정상처리 되었습니다.");
    ArrayNode output = body.putArray("output");
    for (int i = 0; i < Math.min(ROWS, rows.size()); i++) {
      DailyHistory.Day row = rows.get(i);
      DailyHistory.Day before = i + 1 < rows.size() ? rows.get(i + 1) : null;
      long previousClose = before == null ? row.open() : before.close();
      long change = row.close() - previousClose;
      ObjectNode item = output.addObject();
      item.put("stck_bsop_date", row.date().format(DATE));
      item.put("stck_oprc", Long.toString(row.open()));
      item.put("stck_hgpr", Long.toString(row.high()));
      item.put("stck_lwpr", Long.toString(row.low()));
      item.put("stck_clpr", Long.toString(row.close()));
      item.put("acml_vol", Long.toString(row.volume()));
      // the period's volume as a percentage of the previous period's
      item.put(
          "prdy_vrss_vol_rate",
          before == null || before.volume() == 0
              ? "0.00"
              : percent(row.volume() * 100L, before.volume()));
      item.put("prdy_vrss", Long.toString(change));
      item.put("prdy_vrss_sign", sign(period, row.close(), previousClose));
      item.put("prdy_ctrt", percent(change * 100L, previousClose));
      item.put("hts_frgn_ehrt", "0.00");
      item.put("frgn_ntby_qty", "0");
      item.put("flng_cls_code", "00");
      item.put("acml_prtt_rate", "0.00");
    }
    return Reply.ok(body);
  }

  /** Days grouped into periods (newest first), at most {@code limit} of them. */
  private static List<DailyHistory.Day> group(
      List<DailyHistory.Day> days, Function<LocalDate, LocalDate> bucket, int limit) {
    List<DailyHistory.Day> rows = new ArrayList<>();
    int i = 0;
    while (i < days.size() && rows.size() < limit) {
      LocalDate key = bucket.apply(days.get(i).date());
      DailyHistory.Day newest = days.get(i);
      long high = newest.high();
      long low = newest.low();
      long volume = 0;
      long value = 0;
      DailyHistory.Day oldest = newest;
      while (i < days.size() && bucket.apply(days.get(i).date()).equals(key)) {
        DailyHistory.Day day = days.get(i);
        high = Math.max(high, day.high());
        low = Math.min(low, day.low());
        volume += day.volume();
        value += day.value();
        oldest = day;
        i++;
      }
      rows.add(
          new DailyHistory.Day(
              oldest.date(), oldest.open(), high, low, newest.close(), volume, value));
    }
    return rows;
  }

  /** KIS's sign code; limit up (1) and down (4) exist only for a day against the day before. */
  private static String sign(String period, long close, long previousClose) {
    if (period.equals("D") && close != previousClose) {
      PriceLimits limits = PriceLimits.fromBase(previousClose);
      if (close == limits.upper()) {
        return "1";
      }
      if (close == limits.lower()) {
        return "4";
      }
    }
    return close > previousClose ? "2" : close < previousClose ? "5" : "3";
  }

  private static String percent(long numerator, long denominator) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
