package io.krxtrader.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import io.krxtrader.testkit.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API against the real database with known rows ({@link WebFixture}). */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path home;
  private static Database db;
  private static WebFixture fixture;

  @BeforeAll
  static void start(Database database) throws Exception {
    db = database;
    fixture = new WebFixture(db, home);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response = fixture.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    return JSON.readTree(response.body());
  }

  @Test
  void binds_to_loopback_by_default_on_the_configured_or_a_random_port() {
    WebConfig defaults = WebConfig.from(Settings.of(Map.of()), home);
    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.port()).isEqualTo(WebConfig.DEFAULT_PORT);
    assertThat(fixture.web.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(fixture.web.port()).isPositive().isNotEqualTo(WebConfig.DEFAULT_PORT);
    assertThat(fixture.web.url().toString())
        .isEqualTo("http://127.0.0.1:" + fixture.web.port() + "/");
  }

  @Test
  void positions_carry_phase_last_price_and_profit_in_full_words_with_kst_times() throws Exception {
    JsonNode positions = json("/api/positions").get("positions");
    assertThat(positions).hasSize(2);
    JsonNode hynix = positions.get(0);
    JsonNode samsung = positions.get(1);
    assertThat(hynix.get("symbol").asText()).isEqualTo("000660");
    assertThat(hynix.get("phase").isNull()).isTrue();
    assertThat(hynix.get("profit_and_loss").decimalValue()).isEqualByComparingTo("-25000");
    assertThat(samsung.get("position_id").asText())
        .isEqualTo(WebFixture.SAMSUNG_POSITION.toString());
    assertThat(samsung.get("quantity").asLong()).isEqualTo(10);
    assertThat(samsung.get("average_price").decimalValue()).isEqualByComparingTo("70000");
    assertThat(samsung.get("last_price").decimalValue()).isEqualByComparingTo("71000");
    assertThat(samsung.get("last_price_time").asText()).isEqualTo("2026-01-22T09:59:58+09:00");
    assertThat(samsung.get("entry_time").asText()).isEqualTo("2026-01-22T09:05:01+09:00");
    assertThat(samsung.get("profit_and_loss").decimalValue()).isEqualByComparingTo("10000");
    assertThat(samsung.get("profit_and_loss_percent").decimalValue()).isEqualByComparingTo("1.43");
    assertThat(samsung.get("phase").asText()).isEqualTo("TP1_DONE");
    assertThat(samsung.get("stop_floor_price").decimalValue()).isEqualByComparingTo("68000");
    List<String> names = new ArrayList<>();
    samsung.fieldNames().forEachRemaining(names::add);
    assertThat(names).noneMatch(n -> n.matches(".*(^|_)(qty|avg|ts|pct|pnl)(_|$).*"));

    JsonNode one = json("/api/positions/" + WebFixture.SAMSUNG_POSITION);
    assertThat(one.get("quantity").asLong()).isEqualTo(10);
    JsonNode signals =
        json("/api/positions/" + WebFixture.SAMSUNG_POSITION + "/exit-signals").get("exit_signals");
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).get("rule_name").asText()).isEqualTo("TP1");
    assertThat(signals.get(0).get("triggered").asBoolean()).isTrue();
    assertThat(signals.get(0).get("high_water_mark_price").decimalValue())
        .isEqualByComparingTo("71500");
    assertThat(signals.get(0).get("time").asText()).isEqualTo("2026-01-22T09:30:00+09:00");
    assertThat(fixture.get("/api/positions/00000000-0000-0000-0000-000000000001").statusCode())
        .isEqualTo(404);
  }

  @Test
  void prices_staleness_mismatches_and_holdings() throws Exception {
    JsonNode prices = json("/api/prices").get("prices");
    assertThat(prices).hasSize(2);
    assertThat(prices.get(1).get("symbol").asText()).isEqualTo("005930");
    assertThat(prices.get(1).get("source").asText()).isEqualTo("KIS_WS");
    assertThat(prices.get(1).get("freshness_milliseconds").asLong()).isEqualTo(2000);
    assertThat(prices.get(1).get("stale").asBoolean()).isFalse();
    JsonNode hynix = json("/api/prices/000660");
    assertThat(hynix.get("stale").asBoolean()).isTrue();
    assertThat(hynix.get("stale_reason").asText()).isEqualTo("WS_SILENT");
    assertThat(hynix.get("bid").isNull()).isTrue();

    JsonNode stale = json("/api/stale");
    assertThat(stale.get("stale_count").asLong()).isEqualTo(1);
    assertThat(stale.get("stale_symbols").get(0).get("symbol").asText()).isEqualTo("000660");
    assertThat(stale.get("stale_symbols").get(0).get("reason").asText()).isEqualTo("WS_SILENT");
    assertThat(stale.get("stale_symbols").get(0).get("since").asText())
        .isEqualTo("2026-01-22T09:59:30+09:00");

    JsonNode mismatch = json("/api/mismatches").get("mismatches").get(0);
    assertThat(mismatch.get("symbol").asText()).isEqualTo("000660");
    assertThat(mismatch.get("kind").asText()).isEqualTo("QTY");
    assertThat(mismatch.get("position_quantity").asLong()).isEqualTo(5);
    assertThat(mismatch.get("holding_quantity").asLong()).isEqualTo(7);
    assertThat(mismatch.get("holding_average").decimalValue()).isEqualByComparingTo("195000");

    JsonNode holdings = json("/api/holdings").get("holdings");
    assertThat(holdings).hasSize(2);
    assertThat(holdings.get(0).get("symbol").asText()).isEqualTo("000660");
    assertThat(holdings.get(0).get("quantity").asLong()).isEqualTo(7);
  }

  @Test
  void intents_orders_and_fills_of_the_day() throws Exception {
    JsonNode intents = json("/api/intents?date=2026-01-22").get("intents");
    assertThat(intents).hasSize(1);
    assertThat(intents.get(0).get("intent_id").asText())
        .isEqualTo(WebFixture.ENTRY_INTENT.toString());
    assertThat(intents.get(0).get("status").asText()).isEqualTo("FILLED");
    assertThat(intents.get(0).get("created_time").asText()).isEqualTo("2026-01-22T09:04:59+09:00");
    assertThat(json("/api/intents").get("intents")).hasSize(1); // today, by the clock
    assertThat(json("/api/intents?date=2026-01-21").get("intents")).isEmpty();
    JsonNode order = json("/api/orders").get("orders").get(0);
    assertThat(order.get("order_id").asText()).isEqualTo("10001");
    assertThat(order.get("filled_quantity").asLong()).isEqualTo(10);
    assertThat(order.get("submitted_time").asText()).isEqualTo("2026-01-22T09:05:00.25+09:00");
    JsonNode fill = json("/api/fills").get("fills").get(0);
    assertThat(fill.get("intent_id").asText()).isEqualTo(WebFixture.ENTRY_INTENT.toString());
    assertThat(fill.get("price").decimalValue()).isEqualByComparingTo("70000");
    assertThat(fill.get("fee").decimalValue()).isEqualByComparingTo("105");
    assertThat(fill.get("side").asText()).isEqualTo("BUY");
  }

  @Test
  void observer_queries_leaders_halt_picks_and_the_chart() throws Exception {
    JsonNode ticks = json("/api/observer/ticks?symbol=005930").get("ticks");
    assertThat(ticks).hasSize(3);
    assertThat(ticks.get(0).get("last_price").decimalValue()).isEqualByComparingTo("71000");
    assertThat(ticks.get(0).get("event_time").asText()).isEqualTo("2026-01-22T09:59:30+09:00");
    JsonNode ranged =
        json("/api/observer/ticks?symbol=005930&from=2026-01-22T09:58:30%2B09:00&to=2026-01-22T09:59:10")
            .get("ticks");
    assertThat(ranged).hasSize(1);
    assertThat(ranged.get(0).get("last_price").decimalValue()).isEqualByComparingTo("70900");
    assertThat(json("/api/observer/swing-bars?symbol=005930").get("swing_bars")).isEmpty();
    assertThat(
            json("/api/observer/minute-bars?from=2026-01-22T09:00&to=2026-01-22T10:00")
                .get("minute_bars"))
        .isEmpty();
    assertThat(json("/api/observer/gaps?first_date=2026-01-22").get("gaps")).isNotNull();
    assertThat(json("/api/observer/critical-gaps").get("critical_gaps")).isEmpty();
    assertThat(json("/api/observer/coverage?symbols=005930").get("coverage")).isNotNull();
    assertThat(json("/api/leaders").get("leaders")).isEmpty();
    assertThat(json("/api/picks").get("picks")).isEmpty();
    assertThat(json("/api/decisions").get("decisions")).isEmpty();
    assertThat(fixture.get("/api/portfolio/plans/99").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/portfolio/policies/main/snapshot").statusCode()).isEqualTo(404);

    JsonNode chart = json("/api/chart/005930?date=2026-01-22");
    assertThat(chart.get("prices")).hasSize(4); // three ticks and the newer best price
    assertThat(chart.get("prices").get(3).decimalValue()).isEqualByComparingTo("71000");
    assertThat(chart.get("entries")).hasSize(1);
    assertThat(chart.get("entries").get(0).get("price").decimalValue())
        .isEqualByComparingTo("70000");
    assertThat(chart.get("exits")).isEmpty();

    JsonNode status = json("/api/status");
    assertThat(status.get("time").asText()).isEqualTo("2026-01-22T10:00:00+09:00");
    assertThat(status.get("positions")).hasSize(2);
    assertThat(status.get("stale_count").asLong()).isEqualTo(1);
  }

  @Test
  void a_bad_parameter_is_a_400_that_names_it() throws Exception {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("/api/observer/ticks?symbol=BAD", "symbol"),
            Map.entry("/api/observer/ticks", "symbol"),
            Map.entry(
                "/api/observer/ticks?symbol=005930&from=yesterday&to=2026-01-22T10:00", "from"),
            Map.entry("/api/observer/ticks?symbol=005930&from=2026-01-22T10:00", "to"),
            Map.entry("/api/observer/ticks?symbol=005930&limit=0", "limit"),
            Map.entry("/api/observer/swing-bars?symbol=005930&limit=x", "limit"),
            Map.entry(
                "/api/observer/minute-bars?from=2026-01-22T09:00&to=2026-01-22T10:00&minimum_grade=Z",
                "minimum_grade"),
            Map.entry(
                "/api/observer/minute-bars?symbols=005930,nope&from=2026-01-22T09:00&to=2026-01-22T10:00",
                "symbols"),
            Map.entry("/api/observer/gaps?scope=both", "scope"),
            Map.entry("/api/observer/critical-gaps?minimum_seconds=-1", "minimum_seconds"),
            Map.entry("/api/observer/critical-gaps?all_hours=maybe", "all_hours"),
            Map.entry("/api/observer/coverage?first_date=22-01-2026", "first_date"),
            Map.entry("/api/intents?date=today", "date"),
            Map.entry("/api/positions/not-a-uuid", "position_id"),
            Map.entry("/api/positions/not-a-uuid/exit-signals", "position_id"),
            Map.entry("/api/stale?limit=100000", "limit"),
            Map.entry("/api/prices/0059", "symbol"),
            Map.entry("/api/portfolio/plans/-3", "plan_id"),
            Map.entry("/api/chart/x", "symbol"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response = fixture.get(c.getKey());
      assertThat(response.statusCode()).as(c.getKey() + " " + response.body()).isEqualTo(400);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("parameter").asText()).as(c.getKey()).isEqualTo(c.getValue());
    }
  }

  @Test
  void every_state_changing_route_refuses_without_the_token_and_records_the_caller()
      throws Exception {
    List<Route> changing = fixture.web.routes().stream().filter(Route::changesState).toList();
    assertThat(changing)
        .extracting(Route::path)
        .contains(
            "/api/halt",
            "/api/resume",
            "/api/picks",
            "/api/portfolio/plans/{plan_id}/approve",
            "/api/portfolio/plans/{plan_id}/cancel",
            "/api/reconcile/adopt",
            "/api/positions/{position_id}/exit");
    long before = actions("unauthorized%");
    for (Route route : changing) {
      String path =
          route
              .path()
              .replace("{plan_id}", "1")
              .replace("{position_id}", WebFixture.SAMSUNG_POSITION.toString());
      for (Optional<String> bearer :
          List.of(Optional.<String>empty(), Optional.of("wrong-token-0123456789"))) {
        HttpResponse<String> response = fixture.post(path, bearer, "{}");
        assertThat(response.statusCode()).as(path + " " + bearer).isEqualTo(401);
        assertThat(response.body()).doesNotContain(fixture.token);
      }
    }
    // every route answers only its own method: a GET route takes no POST (so none is unguarded)
    for (Route route : fixture.web.routes()) {
      if (!route.changesState()
          && changing.stream().noneMatch(r -> r.path().equals(route.path()))) {
        String path =
            route
                .path()
                .replace("{symbol}", "005930")
                .replace("{position_id}", WebFixture.SAMSUNG_POSITION.toString())
                .replace("{plan_id}", "1")
                .replace("{policy_id}", "main");
        assertThat(fixture.post(path, Optional.empty(), "{}").statusCode()).as(path).isIn(404, 405);
      }
    }
    assertThat(Halt.current(db, ModuleRole.SYSTEM).halted()).isFalse();
    assertThat(actions("unauthorized 127.0.0.1%")).isEqualTo(before + 2L * changing.size());
  }

  @Test
  void halt_and_resume_with_the_token_are_recorded_with_the_caller() throws Exception {
    HttpResponse<String> bad =
        fixture.post("/api/halt", Optional.of(fixture.token), "{\"exits_too\": \"yes\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("exits_too");
    HttpResponse<String> unknown =
        fixture.post("/api/halt", Optional.of(fixture.token), "{\"reson\": \"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("reson");

    HttpResponse<String> halted =
        fixture.post("/api/halt", Optional.of(fixture.token), "{\"reason\": \"lunch\"}");
    assertThat(halted.statusCode()).as(halted.body()).isEqualTo(200);
    JsonNode state = JSON.readTree(halted.body());
    assertThat(state.get("halted").asBoolean()).isTrue();
    assertThat(state.get("reason").asText()).isEqualTo("lunch");
    assertThat(state.get("by").asText()).startsWith("web@127.0.0.1 Java-http-client");
    Halt.HaltState inDatabase = Halt.current(db, ModuleRole.SYSTEM);
    assertThat(inDatabase.halted()).isTrue();
    assertThat(inDatabase.by().orElseThrow().user()).isEqualTo("web");
    assertThat(json("/api/halt").get("halted").asBoolean()).isTrue();

    HttpResponse<String> resumed = fixture.post("/api/resume", Optional.of(fixture.token), "");
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(Halt.current(db, ModuleRole.SYSTEM).halted()).isFalse();
    assertThat(actions("127.0.0.1 Java-http-client%")).isGreaterThanOrEqualTo(4);
    try (Connection c = db.admin().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT path, status, outcome FROM system.web_actions WHERE caller LIKE '127.0.0.1%'"
                    + " ORDER BY action_id DESC LIMIT 2");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("/api/resume");
      assertThat(rs.getInt(2)).isEqualTo(200);
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("/api/halt");
    }
  }

  @Test
  void picks_are_handed_to_the_router_handler_and_a_bad_run_is_named() throws Exception {
    HttpResponse<String> response =
        fixture.post("/api/picks", Optional.of(fixture.token), "{\"producer\": 1}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("outcome").asText()).isEqualTo("rejected");
    assertThat(body.get("problems").size()).isPositive();
    HttpResponse<String> exit =
        fixture.post(
            "/api/positions/" + WebFixture.SAMSUNG_POSITION + "/exit",
            Optional.of(fixture.token),
            "{}");
    assertThat(exit.statusCode()).isEqualTo(501);
    assertThat(
            fixture
                .post("/api/portfolio/plans/77/cancel", Optional.of(fixture.token), "")
                .statusCode())
        .isIn(404, 409);
  }

  /** Last: it changes the positions the other tests read. */
  @Test
  @Order(Integer.MAX_VALUE)
  void reconcile_adopt_makes_the_positions_agree_with_the_broker() throws Exception {
    HttpResponse<String> adopted =
        fixture.post("/api/reconcile/adopt", Optional.of(fixture.token), "");
    assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(200);
    assertThat(JSON.readTree(adopted.body()).get("adopted")).hasSize(1);
    assertThat(json("/api/mismatches").get("mismatches")).isEmpty();
    JsonNode hynix = json("/api/positions").get("positions").get(0);
    assertThat(hynix.get("quantity").asLong()).isEqualTo(7);
  }

  @Test
  void the_token_file_is_owner_only_and_the_token_appears_in_no_answer() throws Exception {
    Path file = home.resolve("web-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(fixture.token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(fixture.web.tokenSource()).isEqualTo(file.toAbsolutePath().toString());
    for (Route route : fixture.web.routes()) {
      if (!route.changesState()) {
        String path =
            route
                .path()
                .replace("{symbol}", "005930")
                .replace("{position_id}", WebFixture.SAMSUNG_POSITION.toString())
                .replace("{plan_id}", "1")
                .replace("{policy_id}", "main");
        assertThat(fixture.get(path).body()).as(path).doesNotContain(fixture.token);
      }
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebToken.readOrCreate(file))
          .hasMessageContaining("owner only")
          .hasMessageNotContaining(fixture.token);
    } finally {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void openapi_describes_every_route_and_marks_the_guarded_ones() throws Exception {
    JsonNode api = json("/openapi.json");
    assertThat(api.get("openapi").asText()).startsWith("3.1");
    for (Route route : fixture.web.routes()) {
      JsonNode operation = api.get("paths").get(route.path()).get(route.method().toLowerCase());
      assertThat(operation).as(route.path()).isNotNull();
      assertThat(operation.has("security")).as(route.path()).isEqualTo(route.changesState());
    }
  }

  private long actions(String callerLike) throws Exception {
    try (Connection c = db.admin().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM system.web_actions WHERE caller LIKE ?")) {
      s.setString(1, callerLike);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
