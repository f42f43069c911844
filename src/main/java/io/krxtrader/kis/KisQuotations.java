package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KIS REST market data (real and paper alike, tr_ids {@code FHKST…}). Every call counts against the
 * app key's rate limit. A KIS error is a {@link KisApiException}; a network failure a {@link
 * KisException}.
 */
public final class KisQuotations {

  static final String PRICE_PATH = "/uapi/domestic-stock/v1/quotations/inquire-price";
  static final String BOOK_PATH = "/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn";
  static final String DAILY_PATH =
      "/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice";
  static final String MINUTE_PATH =
      "/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice";
  private static final int DAILY_PAGE = 100;
  private static final int MAX_PAGES = 100;

  private final RestTransport rest;
  private final InstantSource clock;

  KisQuotations(RestTransport rest, InstantSource clock) {
    this.rest = rest;
    this.clock = clock;
  }

  public CurrentPrice currentPrice(Symbol symbol) {
    Fields out =
        rest.get(PRICE_PATH, "FHKST01010100", market(symbol), "")
            .requireOk("current price of " + symbol)
            .object("output")
            .orElseThrow(
                () -> new KisException("current price without output [symbol=" + symbol + "]"));
    return new CurrentPrice(
        symbol,
        clock.instant(),
        out.longValue("stck_prpr"),
        out.longValue("prdy_vrss"),
        out.decimal("prdy_ctrt"),
        out.longValue("stck_oprc"),
        out.longValue("stck_hgpr"),
        out.longValue("stck_lwpr"),
        out.longValue("acml_vol"),
        out.longValue("acml_tr_pbmn"),
        out.longValue("stck_sdpr"),
        out.longValue("stck_mxpr"),
        out.longValue("stck_llam"),
        out.longValue("aspr_unit"),
        out.trimmed("temp_stop_yn").equals("Y"));
  }

  public Orderbook orderbook(Symbol symbol) {
    Fields body =
        rest.get(BOOK_PATH, "FHKST01010200", market(symbol), "")
            .requireOk("orderbook of " + symbol);
    Fields book =
        body.object("output1")
            .orElseThrow(
                () -> new KisException("orderbook without output1 [symbol=" + symbol + "]"));
    Fields expected = body.object("output2").orElse(Fields.of(null));
    List<BookLevel> asks = new ArrayList<>();
    List<BookLevel> bids = new ArrayList<>();
    for (int level = 1; level <= 10; level++) {
      long ask = book.longValue("askp" + level);
      if (ask > 0) {
        asks.add(new BookLevel(ask, book.longValue("askp_rsqn" + level)));
      }
      long bid = book.longValue("bidp" + level);
      if (bid > 0) {
        bids.add(new BookLevel(bid, book.longValue("bidp_rsqn" + level)));
      }
    }
    return new Orderbook(
        symbol,
        KisTime.time(book.text("aspr_acpt_hour")),
        asks,
        bids,
        book.longValue("total_askp_rsqn"),
        book.longValue("total_bidp_rsqn"),
        expected.longValue("antc_cnpr"),
        expected.longValue("antc_vol"),
        0);
  }

  /**
   * Daily bars from {@code from} to {@code to}, oldest first. KIS returns at most 100 rows a call,
   * newest first; earlier pages are asked for with the end date moved before the oldest row.
   */
  public List<DailyBar> dailyBars(Symbol symbol, LocalDate from, LocalDate to) {
    List<DailyBar> bars = new ArrayList<>();
    LocalDate end = to;
    for (int page = 0; page < MAX_PAGES && !end.isBefore(from); page++) {
      Map<String, String> query = new LinkedHashMap<>(market(symbol));
      query.put("FID_INPUT_DATE_1", KisTime.format(from));
      query.put("FID_INPUT_DATE_2", KisTime.format(end));
      query.put("FID_PERIOD_DIV_CODE", "D");
      query.put("FID_ORG_ADJ_PRC", "0");
      List<Fields> rows =
          rest.get(DAILY_PATH, "FHKST03010100", query, "")
              .requireOk("daily bars of " + symbol)
              .list("output2");
      LocalDate oldest = null;
      for (Fields row : rows) {
        if (row.trimmed("stck_bsop_date").isEmpty()) {
          continue; // KIS pads short answers with empty rows
        }
        LocalDate date = KisTime.date(row.text("stck_bsop_date"));
        bars.add(
            new DailyBar(
                symbol,
                date,
                row.longValue("stck_oprc"),
                row.longValue("stck_hgpr"),
                row.longValue("stck_lwpr"),
                row.longValue("stck_clpr"),
                row.longValue("acml_vol"),
                row.longValue("acml_tr_pbmn")));
        oldest = oldest == null || date.isBefore(oldest) ? date : oldest;
      }
      if (rows.size() < DAILY_PAGE || oldest == null) {
        break;
      }
      end = oldest.minusDays(1);
    }
    bars.sort((a, b) -> a.date().compareTo(b.date()));
    return dedupe(bars);
  }

  /**
   * Today's minute bars at or before {@code upTo} (KST), oldest first, at most {@code maxRows}. KIS
   * returns 30 rows a call; earlier pages are asked for from the minute before the oldest row.
   */
  public List<MinuteBar> minuteBars(Symbol symbol, LocalTime upTo, int maxRows) {
    List<MinuteBar> bars = new ArrayList<>();
    LocalTime hour = upTo;
    for (int page = 0; page < MAX_PAGES && bars.size() < maxRows; page++) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("FID_ETC_CLS_CODE", "");
      query.putAll(market(symbol));
      query.put("FID_INPUT_HOUR_1", KisTime.format(hour));
      query.put("FID_PW_DATA_INCU_YN", "N");
      List<Fields> rows =
          rest.get(MINUTE_PATH, "FHKST03010200", query, "")
              .requireOk("minute bars of " + symbol)
              .list("output2");
      LocalTime oldest = null;
      for (Fields row : rows) {
        if (row.trimmed("stck_cntg_hour").isEmpty() || bars.size() >= maxRows) {
          continue;
        }
        LocalTime time = KisTime.time(row.text("stck_cntg_hour"));
        bars.add(
            new MinuteBar(
                symbol,
                KisTime.date(row.text("stck_bsop_date")),
                time,
                row.longValue("stck_oprc"),
                row.longValue("stck_hgpr"),
                row.longValue("stck_lwpr"),
                row.longValue("stck_prpr"),
                row.longValue("cntg_vol")));
        oldest = oldest == null || time.isBefore(oldest) ? time : oldest;
      }
      if (rows.size() < 30 || oldest == null || !oldest.isAfter(LocalTime.of(0, 1))) {
        break;
      }
      hour = oldest.minusMinutes(1);
    }
    bars.sort((a, b) -> a.time().compareTo(b.time()));
    return bars;
  }

  private static List<DailyBar> dedupe(List<DailyBar> sorted) {
    List<DailyBar> unique = new ArrayList<>();
    for (DailyBar bar : sorted) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).date().equals(bar.date())) {
        unique.add(bar);
      }
    }
    return unique;
  }

  private static Map<String, String> market(Symbol symbol) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("FID_COND_MRKT_DIV_CODE", "J");
    query.put("FID_INPUT_ISCD", symbol.code());
    return query;
  }
}
