package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exit simulate}: the engine's rules over a CSV, printed for people and programs. */
class ExitCommandTest {

  @TempDir Path dir;

  private MainTest.Result simulate(String... more) throws IOException {
    Path prices = dir.resolve("prices.csv");
    Files.writeString(prices, "ts,price\n2026-12-03T10:00:00,10507\n2026-12-03T10:05:00,9650\n");
    String[] base = {
      "--home",
      dir.resolve("home").toString(),
      "exit",
      "simulate",
      "--avg-price",
      "10000",
      "--qty",
      "100",
      "--entry",
      "2026-12-01T10:00:00",
      "--prices",
      prices.toString()
    };
    String[] args = new String[more.length + base.length];
    System.arraycopy(more, 0, args, 0, more.length);
    System.arraycopy(base, 0, args, more.length, base.length);
    return MainTest.run(Map.of(), args);
  }

  @Test
  void simulate_prints_each_intent_as_json() throws IOException {
    MainTest.Result result = simulate();
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("TP1").contains("SL2");
    MainTest.Result json =
        MainTest.run(
            Map.of(),
            appendFormat(
                "--home",
                dir.resolve("home").toString(),
                "exit",
                "simulate",
                "--avg-price",
                "10000",
                "--qty",
                "100",
                "--entry",
                "2026-12-01T10:00:00",
                "--prices",
                dir.resolve("prices.csv").toString()));
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("rule_name").asText()).isEqualTo("TP1");
    assertThat(rows.get(0).get("quantity").asLong()).isEqualTo(33);
    assertThat(rows.get(0).get("order_type").asText()).isEqualTo("LMT");
    assertThat(rows.get(0).get("limit_price").asLong()).isEqualTo(10_500);
    assertThat(rows.get(0).get("phase").asText()).isEqualTo("TP1_DONE");
    assertThat(rows.get(0).get("action_key").asText())
        .isEqualTo("00000000-0000-0000-0000-000000000000:TP1");
    // 9,650 is −3.5 %: SL2 sells the 67 left at the market
    assertThat(rows.get(1).get("rule_name").asText()).isEqualTo("SL2");
    assertThat(rows.get(1).get("quantity").asLong()).isEqualTo(67);
    assertThat(rows.get(1).get("limit_price").isNull()).isTrue();
    assertThat(rows.get(1).get("phase").asText()).isEqualTo("CLOSING");
  }

  private static String[] appendFormat(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--format";
    all[args.length + 1] = "json";
    return all;
  }

  @Test
  void simulate_takes_the_exit_keys_and_refuses_unknown_ones() throws IOException {
    MainTest.Result market = simulate("--set", "exit.take-profit.order=market");
    assertThat(market.exitCode()).as(market.err()).isZero();
    assertThat(market.out()).doesNotContain("LMT");
    MainTest.Result typo = simulate("--set", "exit.tp9.pnl-pct=4");
    assertThat(typo.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(typo.err()).contains("unknown configuration key").contains("exit.tp9.pnl-pct");
  }

  @Test
  void a_bad_price_line_names_the_file_line_and_field() throws IOException {
    Path prices = dir.resolve("bad.csv");
    Files.writeString(prices, "ts,price\n2026-12-03T10:00:00,abc\n");
    MainTest.Result result =
        MainTest.run(
            Map.of(),
            "--home",
            dir.resolve("home").toString(),
            "exit",
            "simulate",
            "--avg-price",
            "10000",
            "--qty",
            "100",
            "--entry",
            "2026-12-01T10:00:00",
            "--prices",
            prices.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("line=2").contains("field=price").contains("bad.csv");
  }
}
