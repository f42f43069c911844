package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** inquire-daily-price (FHKST01010400): KIS's shape and its fixed window of 30 rows. */
class DailyPricesIT {

  static final Instant MIDDAY =
      LocalDateTime.parse("2026-11-23T11:00:00").atZone(TradingCalendar.KST).toInstant();
  static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  static final String PATH = KisEndpoints.Q + "inquire-daily-price";

  final SimulatedClock clock = SimulatedClock.fixed(MIDDAY);
  Simulator sim;
  RawKis kis;

  @BeforeEach
  void start() {
    sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withUniverse(Universe.defaultUniverse().first(3))
                .withRateLimit(100),
            clock);
    kis = new RawKis(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  RawHttp.Response ask(String period, String trCont) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("FID_COND_MRKT_DIV_CODE", "J");
    query.put("FID_INPUT_ISCD", "005930");
    query.put("FID_PERIOD_DIV_CODE", period);
    query.put("FID_ORG_ADJ_PRC", "1");
    return kis.get(PATH, "FHKST01010400", trCont, query);
  }

  List<JsonNode> rows(String period) {
    RawHttp.Response answer = ask(period, "");
    KisWireIT.assertKisHead(answer, "FHKST01010400");
    KisWireIT.assertSuccess(answer);
    assertThat(answer.exactly("tr_cont")).as("one fixed window, no continuation").contains("");
    List<JsonNode> rows = new ArrayList<>();
    answer.json().path("output").forEach(rows::add);
    return rows;
  }

  static LocalDate date(JsonNode row) {
    return LocalDate.parse(row.path("stck_bsop_date").asText(), DATE);
  }

  static long number(JsonNode row, String field) {
    return Long.parseLong(row.path(field).asText());
  }

  @Test
  void days_are_the_latest_thirty_trading_days_newest_first_with_changes_between_them() {
    List<JsonNode> days = rows("D");
    assertThat(days).hasSize(DailyPrices.ROWS);
    TradingCalendar calendar = TradingCalendar.krx();
    assertThat(date(days.get(0))).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(number(days.get(0), "stck_clpr")).isEqualTo(sim.lastPrice(Symbol.of("005930")));
    for (int i = 0; i + 1 < days.size(); i++) {
      JsonNode day = days.get(i);
      JsonNode before = days.get(i + 1);
      assertThat(date(before)).isEqualTo(calendar.previousTradingDay(date(day)));
      long change = number(day, "stck_clpr") - number(before, "stck_clpr");
      assertThat(number(day, "prdy_vrss")).isEqualTo(change);
      assertThat(day.path("prdy_vrss_sign").asText())
          .isIn(change > 0 ? List.of("1", "2") : change < 0 ? List.of("4", "5") : List.of("3"));
      assertThat(number(day, "stck_hgpr")).isGreaterThanOrEqualTo(number(day, "stck_lwpr"));
    }
    assertThat(days.get(0).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "stck_bsop_date",
            "stck_oprc",
            "stck_hgpr",
            "stck_lwpr",
            "stck_clpr",
            "acml_vol",
            "prdy_vrss_vol_rate",
            "prdy_vrss",
            "prdy_vrss_sign",
            "prdy_ctrt",
            "hts_frgn_ehrt",
            "frgn_ntby_qty",
            "flng_cls_code",
            "acml_prtt_rate");
  }

  @Test
  void days_agree_with_inquire_daily_itemchartprice() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("FID_COND_MRKT_DIV_CODE", "J");
    query.put("FID_INPUT_ISCD", "005930");
    query.put("FID_INPUT_DATE_1", "20260901");
    query.put("FID_INPUT_DATE_2", "20261123");
    query.put("FID_PERIOD_DIV_CODE", "D");
    query.put("FID_ORG_ADJ_PRC", "0");
    Map<String, Long> chartCloses = new HashMap<>();
    kis.get(KisEndpoints.Q + "inquire-daily-itemchartprice", "FHKST03010100", "", query)
        .json()
        .path("output2")
        .forEach(
            row -> chartCloses.put(row.path("stck_bsop_date").asText(), number(row, "stck_clpr")));
    for (JsonNode day : rows("D")) {
      assertThat(number(day, "stck_clpr"))
          .isEqualTo(chartCloses.get(day.path("stck_bsop_date").asText()));
    }
  }

  @Test
  void weeks_and_months_sum_their_days() {
    List<JsonNode> days = rows("D");
    List<JsonNode> weeks = rows("W");
    List<JsonNode> months = rows("M");
    assertThat(weeks).hasSize(DailyPrices.ROWS);
    assertThat(months).hasSize(DailyPrices.ROWS);
    for (int i = 0; i + 1 < weeks.size(); i++) {
      assertThat(date(weeks.get(i)).with(DayOfWeek.MONDAY))
          .isEqualTo(date(weeks.get(i + 1)).with(DayOfWeek.MONDAY).plusWeeks(1));
    }
    for (int i = 0; i + 1 < months.size(); i++) {
      assertThat(date(months.get(i)).withDayOfMonth(1))
          .isEqualTo(date(months.get(i + 1)).withDayOfMonth(1).plusMonths(1));
    }
    // The newest full week in the daily window: its volume, high, low, open and close.
    LocalDate monday = date(weeks.get(1)).with(DayOfWeek.MONDAY);
    List<JsonNode> inWeek =
        days.stream().filter(d -> date(d).with(DayOfWeek.MONDAY).equals(monday)).toList();
    assertThat(inWeek).isNotEmpty();
    JsonNode week = weeks.get(1);
    assertThat(number(week, "acml_vol"))
        .isEqualTo(inWeek.stream().mapToLong(d -> number(d, "acml_vol")).sum());
    assertThat(number(week, "stck_hgpr"))
        .isEqualTo(inWeek.stream().mapToLong(d -> number(d, "stck_hgpr")).max().orElseThrow());
    assertThat(number(week, "stck_lwpr"))
        .isEqualTo(inWeek.stream().mapToLong(d -> number(d, "stck_lwpr")).min().orElseThrow());
    assertThat(number(week, "stck_clpr")).isEqualTo(number(inWeek.get(0), "stck_clpr"));
    assertThat(number(week, "stck_oprc"))
        .isEqualTo(number(inWeek.get(inWeek.size() - 1), "stck_oprc"));
    assertThat(date(week)).isEqualTo(date(inWeek.get(inWeek.size() - 1)));
    assertThat(number(weeks.get(0), "prdy_vrss"))
        .isEqualTo(number(weeks.get(0), "stck_clpr") - number(week, "stck_clpr"));
  }

  @Test
  void a_next_page_request_gets_the_same_window_and_a_bad_period_is_refused() {
    String first = ask("D", "").json().path("output").toString();
    assertThat(ask("D", "N").json().path("output").toString()).isEqualTo(first);
    RawHttp.Response refused = ask("X", "");
    assertThat(refused.json().path("msg_cd").asText()).isEqualTo("OPSQ2001");
    assertThat(refused.json().path("msg1").asText()).contains("FID_PERIOD_DIV_CODE");
    clock.advance(Duration.ofMinutes(30));
    assertThat(number(rows("D").get(0), "stck_clpr")).isEqualTo(sim.lastPrice(Symbol.of("005930")));
  }
}
