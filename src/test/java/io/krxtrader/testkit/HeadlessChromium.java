package io.krxtrader.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Selenium by Debian's chromedriver ({@value #BINARY},
 * {@value #DRIVER}; Selenium Manager is never asked to download anything). Each instance has a
 * fresh profile under {@code target/chromium/}, removed on close.
 *
 * <pre>
 * try (HeadlessChromium chromium = HeadlessChromium.start()) {   // skipped when not installed
 *   chromium.driver().get(url);
 *   chromium.await(Duration.ofSeconds(30), d -> d.findElement(...).isDisplayed());
 *   chromium.screenshot("dashboard");                            // target/screenshots/dashboard.png
 *   assertThat(chromium.severeConsoleErrors()).isEmpty();        // JavaScript errors, failed loads
 *   assertThat(chromium.requestedUrls()).allMatch(u -> ...);     // what the page fetched
 * }
 * </pre>
 *
 * <p>When Chromium or chromedriver is missing the test is skipped (a JUnit assumption) with a
 * message naming Debian's packages {@code chromium chromium-driver}; with the environment variable
 * {@code KRX_REQUIRE_BROWSER=1} (CI, {@code .ci/run}) it fails instead, so CI never skips.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final String BINARY = "/usr/bin/chromium";
  public static final String DRIVER = "/usr/bin/chromedriver";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path profile;
  private final ChromeDriver driver;
  private final List<LogEntry> console = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** A 1400 × 1000 window. */
  public static HeadlessChromium start() {
    return start(1400, 1000);
  }

  /** A window of this size (CSS pixels); skips or fails the test when Chromium is missing. */
  public static HeadlessChromium start(int width, int height) {
    requireInstalled();
    Path profile = target().resolve("chromium").resolve("profile-" + UUID.randomUUID());
    try {
      Files.createDirectories(profile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Chromium profile at " + profile, e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(DRIVER).toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(1));
    driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
    return new HeadlessChromium(profile, driver);
  }

  /** Whether both executables are there. */
  public static boolean installed() {
    return Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of(DRIVER));
  }

  private static void requireInstalled() {
    if (installed()) {
      return;
    }
    String message =
        "no headless browser: "
            + (Files.isExecutable(Path.of(BINARY)) ? "" : BINARY + " missing; ")
            + (Files.isExecutable(Path.of(DRIVER)) ? "" : DRIVER + " missing; ")
            + "install Debian's packages: apt-get install chromium chromium-driver";
    if ("1".equals(System.getenv("KRX_REQUIRE_BROWSER"))) {
      fail(message + " (KRX_REQUIRE_BROWSER=1: browser tests must run)");
    }
    Assumptions.abort(message + " (browser tests skipped)");
  }

  public WebDriver driver() {
    return driver;
  }

  /** Waits at most {@code patience} for the condition to be true (or non-null), polling. */
  public <T> T await(Duration patience, Function<WebDriver, T> condition) {
    // an element the page re-rendered while the condition read it: look again
    return new WebDriverWait(driver, patience, Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Saves what the window shows as {@code target/screenshots/NAME.png} and returns the path. */
  public Path screenshot(String name) {
    return screenshot(target().resolve("screenshots").resolve(name + ".png"));
  }

  /** Saves what the window shows as a PNG at {@code file}. */
  public Path screenshot(Path file) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the screenshot " + file, e);
    }
    return file;
  }

  /**
   * Everything the page wrote to the console or the browser reported, since the start (or {@link
   * #forgetConsoleLog}).
   */
  public synchronized List<LogEntry> consoleLog() {
    console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return List.copyOf(console);
  }

  /** Drops the console entries so far: the next reads start from here (e.g. per test). */
  public synchronized void forgetConsoleLog() {
    driver.manage().logs().get(LogType.BROWSER);
    console.clear();
  }

  /**
   * The console's SEVERE entries: uncaught JavaScript errors, {@code console.error}, resources that
   * failed to load. Each as "message (level)".
   */
  public List<String> severeConsoleErrors() {
    return consoleLog().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Every URL the browser requested since the start (from its network log), in order. */
  public synchronized List<String> requestedUrls() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
          requests.add(message.path("params").path("request").path("url").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable Chromium performance log entry", e);
      }
    }
    return List.copyOf(requests);
  }

  /** Runs JavaScript in the page and returns its result (see Selenium's executeScript). */
  public Object script(String javascript, Object... arguments) {
    return driver.executeScript(javascript, arguments);
  }

  /** The page's performance timing of the current document, in milliseconds since navigation. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> navigationTiming() {
    return (Map<String, Object>)
        driver.executeScript(
            "const n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.toJSON() : {};");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> walk = Files.walk(profile)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover profile under target/ is harmless
      }
    }
  }

  private static Path target() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
  }
}
