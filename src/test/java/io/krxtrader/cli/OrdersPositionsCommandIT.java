package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code krx-trader orders} and {@code positions} on a database with known rows: a filled entry
 * (two fills), a partly filled exit, a denied intent and one of another day; two open positions
 * (one without a best price) and a closed one. Every figure below is computed by hand from those
 * rows.
 */
class OrdersPositionsCommandIT {

  private static final String ENTRY = "00000000-0000-0000-0000-00000000e001";
  private static final String EXIT = "00000000-0000-0000-0000-00000000e002";
  private static final String DENIED = "00000000-0000-0000-0000-00000000e003";
  private static final String OTHER_DAY = "00000000-0000-0000-0000-00000000e004";
  private static final String SAMSUNG_POSITION = "00000000-0000-0000-0000-00000000b001";
  private static final String HYNIX_POSITION = "00000000-0000-0000-0000-00000000b002";
  private static final String CLOSED_POSITION = "00000000-0000-0000-0000-00000000b003";

  private static String url;

  private static Map<String, String> environment() {
    return Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
  }

  @BeforeAll
  static void writeRows() {
    url = PostgresExtension.freshDatabaseUrl();
    try (Database db =
        Database.connect(
            url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())))) {
      Jdbi.create(db.admin())
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                        + " avg_price, entry_ts, status) VALUES"
                        + " (?::uuid, 'paper', '005930', 'LONG', 10, 70150, '2026-01-05 09:01:05+09', 'OPEN'),"
                        + " (?::uuid, 'paper', '000660', 'LONG', 3, 150000, '2026-01-02 10:00:00+09', 'CLOSING'),"
                        + " (?::uuid, 'paper', '035420', 'LONG', 0, 200000, '2026-01-02 10:00:00+09', 'CLOSED')",
                    SAMSUNG_POSITION,
                    HYNIX_POSITION,
                    CLOSED_POSITION);
                h.execute(
                    "INSERT INTO trade.position_state (position_id, phase, stop_floor_price)"
                        + " VALUES (?::uuid, 'TP1_DONE', 69000)",
                    SAMSUNG_POSITION);
                h.execute(
                    "INSERT INTO market.prices_best (symbol, ts, source, last_price, freshness_ms,"
                        + " quality_score) VALUES ('005930', '2026-01-05 10:00:00+09', 'KIS_WS',"
                        + " 71000, 0, 100)");
                String intent =
                    "INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type,"
                        + " side, qty, order_type, limit_price, reason_code, action_key, status,"
                        + " status_reason, created_by, created_ts, updated_ts) VALUES"
                        + " (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'router', ?::timestamptz,"
                        + " ?::timestamptz)";
                h.execute(
                    intent,
                    ENTRY,
                    null,
                    "005930",
                    "ENTRY",
                    "BUY",
                    10,
                    "MKT",
                    null,
                    "PICK",
                    "E-1",
                    "FILLED",
                    null,
                    "2026-01-05 09:01:00+09",
                    "2026-01-05 09:01:05+09");
                h.execute(
                    intent,
                    EXIT,
                    HYNIX_POSITION,
                    "000660",
                    "EXIT_PARTIAL",
                    "SELL",
                    4,
                    "LMT",
                    151000,
                    "TP1",
                    "X-1",
                    "PARTIALLY_FILLED",
                    null,
                    "2026-01-05 09:30:00+09",
                    "2026-01-05 09:31:00+09");
                h.execute(
                    intent,
                    DENIED,
                    null,
                    "035420",
                    "ENTRY",
                    "BUY",
                    1,
                    "MKT",
                    null,
                    "PICK",
                    "E-2",
                    "DENIED",
                    "entries are halted",
                    "2026-01-05 09:40:00+09",
                    "2026-01-05 09:40:00+09");
                h.execute(
                    intent,
                    OTHER_DAY,
                    null,
                    "005930",
                    "ENTRY",
                    "BUY",
                    1,
                    "MKT",
                    null,
                    "PICK",
                    "E-0",
                    "FILLED",
                    null,
                    "2026-01-02 09:40:00+09",
                    "2026-01-02 09:40:00+09");
                h.execute(
                    "INSERT INTO trade.orders (order_id, intent_id, submitted_ts, status, branch,"
                        + " symbol, side, qty, filled_qty, filled_amount) VALUES"
                        + " ('10001', ?::uuid, '2026-01-05 09:01:01+09', 'FILLED', '00950', '005930',"
                        + " 'BUY', 10, 10, 701500),"
                        + " ('10002', ?::uuid, '2026-01-05 09:30:01+09', 'PARTIAL', '00950', '000660',"
                        + " 'SELL', 4, 1, 151000)",
                    ENTRY,
                    EXIT);
                h.execute(
                    "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, cum_qty, side,"
                        + " realized_pnl, source, position_id) VALUES"
                        + " ('00000000-0000-0000-0000-0000000f0001', '10001', '2026-01-05 09:01:02+09',"
                        + " 4, 70100, 4, 'BUY', null, 'notice', ?::uuid),"
                        + " ('00000000-0000-0000-0000-0000000f0002', '10001', '2026-01-05 09:01:03+09',"
                        + " 6, 70200, 10, 'BUY', null, 'poll', ?::uuid),"
                        + " ('00000000-0000-0000-0000-0000000f0003', '10002', '2026-01-05 09:30:02+09',"
                        + " 1, 151000, 1, 'SELL', 1000, 'notice', ?::uuid)",
                    SAMSUNG_POSITION,
                    SAMSUNG_POSITION,
                    HYNIX_POSITION);
              });
    }
  }

  @Test
  void orders_lists_the_days_intents_with_their_order_and_fills() {
    Result result = MainTest.run(environment(), "orders", "--db-url", url, "--date", "2026-01-05");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern(
            "2026-01-05T09:01:00\\+09:00\\s+005930\\s+ENTRY\\s+BUY\\s+10\\s+market\\s+FILLED"
                + "\\s+10001\\s+FILLED\\s+10\\s+70160\\s+2\\s+"
                + ENTRY)
        .containsPattern(
            "000660\\s+EXIT_PARTIAL\\s+SELL\\s+4\\s+151000\\s+PARTIALLY_FILLED\\s+10002\\s+PARTIAL"
                + "\\s+1\\s+151000\\s+1\\s+"
                + EXIT)
        .containsPattern("035420\\s+ENTRY\\s+BUY\\s+1\\s+market\\s+DENIED\\s+entries are halted")
        .doesNotContain(OTHER_DAY)
        .contains("(3 rows)");

    Result none = MainTest.run(environment(), "orders", "--db-url", url, "--date", "2026-01-06");
    assertThat(none.out()).contains("no order intents on 2026-01-06");
  }

  @Test
  void orders_as_json_nests_each_intents_orders_and_their_fills() throws Exception {
    Result result =
        MainTest.run(
            environment(), "orders", "--db-url", url, "--date", "2026-01-05", "--format", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode intents = new ObjectMapper().readTree(result.out());
    assertThat(intents).hasSize(3);
    JsonNode entry = intents.get(0);
    assertThat(entry.get("intent_id").asText()).isEqualTo(ENTRY);
    assertThat(entry.get("status").asText()).isEqualTo("FILLED");
    assertThat(entry.get("created").asText()).isEqualTo("2026-01-05T09:01:00+09:00");
    JsonNode order = entry.get("orders").get(0);
    assertThat(order.get("order_id").asText()).isEqualTo("10001");
    assertThat(order.get("filled_qty").asLong()).isEqualTo(10);
    // (4 * 70,100 + 6 * 70,200) / 10
    assertThat(order.get("avg_fill_price").decimalValue()).isEqualByComparingTo("70160");
    assertThat(order.get("fills")).hasSize(2);
    assertThat(order.get("fills").get(1).get("price").asLong()).isEqualTo(70200);
    JsonNode exit = intents.get(1);
    assertThat(exit.get("limit_price").asLong()).isEqualTo(151000);
    assertThat(exit.get("orders").get(0).get("fills").get(0).get("realized_pnl").asLong())
        .isEqualTo(1000);
    JsonNode denied = intents.get(2);
    assertThat(denied.get("orders")).isEmpty();
    assertThat(denied.get("status_reason").asText()).isEqualTo("entries are halted");
  }

  @Test
  void positions_shows_quantity_average_last_price_unrealised_pnl_and_phase() throws Exception {
    Result table = MainTest.run(environment(), "positions", "--db-url", url);
    assertThat(table.exitCode()).as(table.err()).isZero();
    // (71,000 - 70,150) * 10 = 8,500 won, 850 / 70,150 = 1.21 %
    assertThat(table.out())
        .containsPattern(
            "005930\\s+10\\s+70150\\s+71000\\s+2026-01-05T10:00:00\\+09:00\\s+8500\\s+1.21"
                + "\\s+TP1_DONE\\s+69000\\s+OPEN")
        .containsPattern("000660\\s+3\\s+150000\\s+CLOSING")
        .doesNotContain("035420")
        .contains("(2 rows)");

    Result json = MainTest.run(environment(), "positions", "--db-url", url, "--format", "json");
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(2);
    JsonNode hynix = rows.get(0);
    assertThat(hynix.get("symbol").asText()).isEqualTo("000660");
    assertThat(hynix.get("last_price").isNull()).isTrue();
    assertThat(hynix.get("unrealized_pnl").isNull()).isTrue();
    JsonNode samsung = rows.get(1);
    assertThat(samsung.get("unrealized_pnl").decimalValue()).isEqualByComparingTo("8500");
    assertThat(samsung.get("pnl_percent").decimalValue()).isEqualByComparingTo("1.21");
    assertThat(samsung.get("phase").asText()).isEqualTo("TP1_DONE");
    assertThat(samsung.get("position_id").asText()).isEqualTo(SAMSUNG_POSITION);
  }
}
