package io.krxtrader.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import io.krxtrader.system.Halt;
import io.krxtrader.testkit.HeadlessChromium;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in Debian's headless Chromium against the operator surface on a random loopback
 * port over the real database with {@link WebFixture}'s rows. Every test fails on a severe console
 * entry (a JavaScript error, a resource that did not load) other than the 401s it provokes.
 */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static java.nio.file.Path home;
  private static Database db;
  private static WebFixture fixture;
  private static HeadlessChromium chromium;
  private final List<String> expectedErrors = new ArrayList<>();

  @BeforeAll
  static void start(Database database) throws Exception {
    db = database;
    fixture = new WebFixture(db, home);
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      fixture.close();
    }
  }

  @BeforeEach
  void forget_earlier_console_entries() {
    chromium.forgetConsoleLog();
  }

  @AfterEach
  void no_javascript_errors() {
    List<String> severe =
        chromium.severeConsoleErrors().stream()
            .filter(e -> expectedErrors.stream().noneMatch(e::contains))
            .toList();
    assertThat(severe).as("severe entries in the browser's console").isEmpty();
  }

  private WebDriver page() {
    WebDriver driver = chromium.driver();
    driver.get(fixture.web.url().toString());
    chromium.await(
        PATIENCE, d -> !d.findElements(By.cssSelector("#positions tr[data-symbol]")).isEmpty());
    return driver;
  }

  /**
   * The text of a position's cell, read in one script call: the page re-renders its tables at every
   * poll, so an element found first and read after may be gone in between.
   */
  private static String cell(WebDriver d, String symbol, String cssClass) {
    Object text =
        ((JavascriptExecutor) d)
            .executeScript(
                "const c = document.querySelector(arguments[0]); return c ? c.innerText : '';",
                "#positions tr[data-symbol='" + symbol + "'] td." + cssClass);
    return String.valueOf(text);
  }

  @Test
  @Order(1)
  void renders_the_positions_stale_symbols_mismatches_and_flow_from_the_database() {
    WebDriver d = page();
    assertThat(d.findElements(By.cssSelector("#positions tbody tr"))).hasSize(2);
    assertThat(cell(d, "005930", "quantity")).isEqualTo("10");
    assertThat(cell(d, "005930", "average")).isEqualTo("70,000");
    assertThat(cell(d, "005930", "last-price")).isEqualTo("71,000");
    assertThat(cell(d, "005930", "profit")).isEqualTo("10,000");
    assertThat(cell(d, "005930", "percent")).isEqualTo("1.43 %");
    assertThat(cell(d, "005930", "phase")).isEqualTo("TP1_DONE");
    assertThat(cell(d, "000660", "profit")).isEqualTo("-25,000");
    assertThat(d.findElement(By.id("stale")).getText()).contains("000660", "WS_SILENT");
    assertThat(d.findElement(By.id("stale-count")).getText()).isEqualTo("(1)");
    WebElement mismatch = d.findElement(By.cssSelector("#mismatches tr.mismatch"));
    assertThat(mismatch.getText()).contains("000660", "QTY", "5 @ 200,000", "7 @ 195,000");
    assertThat(mismatch.findElement(By.tagName("td")).getCssValue("color"))
        .isEqualTo("rgba(204, 34, 34, 1)");
    assertThat(d.findElement(By.id("intents")).getText())
        .contains("09:04:59", "005930", "ENTRY", "BUY", "FILLED", "10001 FILLED", "10 @ 70,000");
    assertThat(d.findElement(By.id("problems")).getText())
        .contains("1 holdings mismatch", "stale prices of held symbols: 000660");
    assertThat(d.findElement(By.id("halt-state")).getText()).isEqualTo("running");
    new Select(d.findElement(By.id("chart-symbol"))).selectByValue("005930");
    chromium.await(
        PATIENCE,
        x ->
            x.findElement(By.id("chart-note"))
                .getText()
                .equals("005930: 4 points, 1 entries, 0 exits"));
    assertThat(d.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
    chromium.screenshot("dashboard");
  }

  @Test
  @Order(2)
  void a_new_best_price_from_price_sync_appears_without_a_reload() {
    WebDriver d = page();
    chromium.script("window.notReloaded = 'still the same page';");
    assertThat(cell(d, "005930", "last-price")).isEqualTo("71,000");
    MarketConfig market = MarketConfig.from(Settings.of(Map.of(MarketConfig.SCAN_INTERVAL, "1h")));
    try (PriceSync sync = PriceSync.builder(db, market, fixture.clock).start()) {
      assertThat(
              sync.accept(
                  PriceEvent.of(
                      Symbol.of("005930"), PriceSource.KIS_WS, fixture.clock.instant(), 72_500)))
          .isTrue();
      assertThat(sync.flush(PATIENCE)).isTrue();
    }
    chromium.await(PATIENCE, x -> cell(x, "005930", "last-price").equals("72,500"));
    assertThat(cell(d, "005930", "profit")).isEqualTo("25,000");
    assertThat(chromium.script("return window.notReloaded;")).isEqualTo("still the same page");
  }

  @Test
  @Order(3)
  void the_halt_button_needs_the_token() throws Exception {
    expectedErrors.add("the server responded with a status of 401");
    WebDriver d = page();
    d.findElement(By.id("halt-button")).click();
    chromium.await(
        PATIENCE,
        x -> x.findElement(By.id("action-message")).getText().equals("refused: token needed"));
    assertThat(Halt.current(db, ModuleRole.SYSTEM).halted()).isFalse();
    assertThat(lastAction()).isEqualTo("/api/halt 401");

    d.findElement(By.id("token")).sendKeys(fixture.token);
    d.findElement(By.id("halt-button")).click();
    chromium.await(
        PATIENCE, x -> x.findElement(By.id("halt-state")).getText().startsWith("HALTED"));
    Halt.HaltState halted = Halt.current(db, ModuleRole.SYSTEM);
    assertThat(halted.halted()).isTrue();
    assertThat(halted.reason()).contains("dashboard");
    assertThat(halted.by().orElseThrow().user()).isEqualTo("web");
    assertThat(lastAction()).isEqualTo("/api/halt 200");
    assertThat(d.findElement(By.id("problems")).getText()).contains("halt in force");
    assertThat(d.findElement(By.tagName("body")).getText()).doesNotContain(fixture.token);

    d.findElement(By.id("resume-button")).click();
    chromium.await(PATIENCE, x -> x.findElement(By.id("halt-state")).getText().equals("running"));
    assertThat(Halt.current(db, ModuleRole.SYSTEM).halted()).isFalse();
    assertThat(lastAction()).isEqualTo("/api/resume 200");
  }

  /** Last: it adds positions, prices and stale symbols for the whole universe. */
  @Test
  @Order(4)
  void stays_usable_with_every_symbol_of_the_universe_held_and_stale() throws Exception {
    List<Symbol> universe = Universe.defaultUniverse().symbols();
    assertThat(universe).hasSize(131);
    try (Connection c = db.admin().getConnection();
        PreparedStatement position =
            c.prepareStatement(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status, strategy_id) VALUES (?, 'paper', ?, 'LONG',"
                    + " 3, 10000, '2026-01-22T09:10:00+09:00', 'OPEN', 'router')");
        PreparedStatement best =
            c.prepareStatement(
                "INSERT INTO market.prices_best (symbol, ts, source, last_price, freshness_ms,"
                    + " quality_score) VALUES (?, '2026-01-22T09:50:00+09:00', 'KIS_REST', 10100,"
                    + " 600000, 0) ON CONFLICT (symbol) DO NOTHING");
        PreparedStatement stale =
            c.prepareStatement(
                "INSERT INTO market.freshness (symbol, best_ts, is_stale, stale_reason,"
                    + " updated_ts) VALUES (?, '2026-01-22T09:50:00+09:00', true, 'REST_FAILED',"
                    + " '2026-01-22T09:55:00+09:00') ON CONFLICT (symbol) DO NOTHING")) {
      for (Symbol symbol : universe) {
        if (symbol.code().equals("005930") || symbol.code().equals("000660")) {
          continue;
        }
        position.setObject(1, UUID.randomUUID());
        position.setString(2, symbol.code());
        position.addBatch();
        best.setString(1, symbol.code());
        best.addBatch();
        stale.setString(1, symbol.code());
        stale.addBatch();
      }
      position.executeBatch();
      best.executeBatch();
      stale.executeBatch();
    }
    WebDriver d = page();
    chromium.await(
        PATIENCE, x -> x.findElements(By.cssSelector("#positions tr[data-symbol]")).size() == 131);
    assertThat(d.findElement(By.id("positions-count")).getText()).isEqualTo("(131)");
    assertThat(d.findElement(By.id("stale-count")).getText()).isEqualTo("(130)");
    assertThat(d.findElement(By.id("problems")).getText()).contains("and 122 more");
    assertThat(d.findElements(By.cssSelector("#stale tbody tr"))).hasSize(130);
    assertThat(cell(d, "000270", "profit")).isEqualTo("300");
    // the kill switch stays on screen and every symbol can be charted
    WebElement halt = d.findElement(By.id("halt-button"));
    assertThat(halt.isDisplayed()).isTrue();
    assertThat(halt.getRect().getY()).isLessThan(200);
    assertThat(d.findElements(By.cssSelector("#chart-symbol option"))).hasSize(131);
    Object positionsHeight =
        chromium.script("return document.getElementById('positions-section').clientHeight;");
    assertThat(((Number) positionsHeight).intValue()).isLessThan(700);
    chromium.screenshot("dashboard-131-symbols");
  }

  private String lastAction() throws Exception {
    try (Connection c = db.admin().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT path || ' ' || status FROM system.web_actions ORDER BY action_id DESC"
                    + " LIMIT 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) : "none";
    }
  }
}
