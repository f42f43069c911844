package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reconcile [--adopt]} end to end: held intents and mismatches listed, adopt records. */
class ReconcileCommandIT {

  @TempDir Path home;

  @Test
  void lists_held_intents_and_mismatches_and_adopt_makes_positions_agree() throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    Result migrated = run(url, "db", "migrate");
    assertThat(migrated.exitCode()).as(migrated.err()).isZero();
    sql(
        url,
        "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type, qty, order_type,"
            + " reason_code, action_key, status, created_by, status_reason) VALUES"
            + " (gen_random_uuid(), '005930', 'BUY', 'ENTRY', 4, 'MKT', 'P', 'k1', 'HELD',"
            + " 'router', 'broker orders [10001] could belong to intents [a, b]')");
    sql(
        url,
        "INSERT INTO trade.holding_mismatches (mismatch_id, account_id, symbol, kind,"
            + " position_qty, position_avg, holding_qty, holding_avg, first_seen, last_seen)"
            + " VALUES (gen_random_uuid(), 'paper', '000660', 'BROKER_ONLY', NULL, NULL, 7,"
            + " 195000.0000, now(), now())");

    Result listed = run(url, "reconcile");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("held intents: 1")
        .contains("005930 BUY 4 MKT: broker orders [10001]")
        .contains("holdings mismatches: 1")
        .containsPattern("000660 BROKER_ONLY\\s+position qty - avg - \\| broker qty 7 avg 195000");

    Result adopted = run(url, "reconcile", "--adopt");
    assertThat(adopted.exitCode()).as(adopted.err()).isZero();
    assertThat(adopted.out()).contains("adopted 000660 BROKER_ONLY: opened position");
    assertThat(query(url, "SELECT qty FROM trade.positions WHERE symbol = '000660'"))
        .containsExactly("7");
    assertThat(run(url, "reconcile").out()).contains("holdings mismatches: 0");
  }

  private Result run(String url, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db-url", url, "--home", home.toString()));
    return MainTest.run(
        Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
        all.toArray(String[]::new));
  }

  private static Connection connect(String url) throws Exception {
    return DriverManager.getConnection(
        url + "?user=postgres&password=" + PostgresExtension.superuserPassword());
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static List<String> query(String url, String statement) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(statement)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
