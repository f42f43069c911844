package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import io.krxtrader.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code krx-trader prices} on a database with a few best prices and a stale symbol. */
class PricesCommandIT {

  private static String url;

  private static Map<String, String> environment() {
    return Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
  }

  @BeforeAll
  static void writePrices() {
    url = PostgresExtension.freshDatabaseUrl();
    try (Database db =
        Database.connect(
            url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())))) {
      Instant now = InstantSource.system().instant();
      try (PriceSync sync =
          PriceSync.builder(db, MarketConfig.defaults(), InstantSource.system()).start()) {
        sync.accept(
            PriceEvent.quoted(
                Symbol.of("005930"),
                PriceSource.KIS_WS,
                now.minusMillis(300),
                71_100,
                71_000,
                71_100));
        sync.accept(
            PriceEvent.of(Symbol.of("000660"), PriceSource.KIS_REST, now.minusSeconds(3), 150_000));
        assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
      }
      Jdbi.create(db.admin())
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO market.freshness (symbol, is_stale, stale_reason)"
                          + " VALUES ('373220', true, 'NO_WS_DATA')"));
    }
  }

  @Test
  void the_table_shows_price_source_age_quality_and_why_a_symbol_is_stale() {
    Result result = MainTest.run(environment(), "prices", "--db-url", url);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern("symbol\\s+price\\s+source\\s+age\\s+quality\\s+stale")
        .containsPattern("000660\\s+150,000\\s+KIS REST\\s+\\d+\\.\\d s\\s+\\d+")
        .containsPattern("005930\\s+71,100\\s+KIS WebSocket\\s+\\d+\\.\\d s\\s+\\d+")
        .containsPattern("373220\\s+-\\s+-\\s+-\\s+-\\s+stale: no WebSocket data");
  }

  @Test
  void json_and_csv_give_the_same_rows_for_programs() throws Exception {
    Result json = MainTest.run(environment(), "prices", "--db-url", url, "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(3);
    JsonNode samsung = rows.get(1);
    assertThat(samsung.get("symbol").asText()).isEqualTo("005930");
    assertThat(samsung.get("price").asLong()).isEqualTo(71_100);
    assertThat(samsung.get("source").asText()).isEqualTo("KIS_WS");
    // 100 unless writing took more than a second on a very busy machine
    assertThat(samsung.get("quality").asInt()).isBetween(90, 100);
    assertThat(samsung.get("stale").asBoolean()).isFalse();
    // times in KST, as every query command prints them
    assertThat(samsung.get("ts").asText()).endsWith("+09:00");
    assertThat(rows.get(2).get("stale_reason").asText()).isEqualTo("NO_WS_DATA");

    Result csv = MainTest.run(environment(), "prices", "--db-url", url, "--format", "csv");
    assertThat(csv.out().lines())
        .hasSize(4)
        .first()
        .isEqualTo(
            "symbol,price,source,ts,age_ms,quality,stale,stale_reason,written_at,"
                + "last_websocket,last_rest,last_naver");
    assertThat(csv.out())
        .contains("000660,150000,KIS_REST,")
        .contains("373220,,,,,,true,NO_WS_DATA");
  }

  @Test
  void symbols_and_stale_narrow_the_list() {
    Result one =
        MainTest.run(environment(), "prices", "--db-url", url, "005930", "--format", "csv");
    assertThat(one.out().lines()).hasSize(2);
    Result stale = MainTest.run(environment(), "prices", "--db-url", url, "--stale");
    assertThat(stale.out()).contains("373220").doesNotContain("005930");
    Result bad = MainTest.run(environment(), "prices", "--db-url", url, "samsung");
    assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("a symbol is six upper-case letters or digits");
    Result none = MainTest.run(environment(), "prices", "--db-url", url, "--stale", "005930");
    assertThat(none.out()).contains("no matching prices");
  }
}
