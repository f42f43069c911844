package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import io.krxtrader.sim.SimulatorConfig;
import io.krxtrader.testkit.SimulatorFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Tokens, rate limits and every injected REST fault, client against simulator. */
class KisTokensAndFaultsIT {

  @TempDir Path home;
  SimulatorFixture sim;
  final Symbol samsung = Symbol.of("005930");

  @BeforeEach
  void start() {
    sim = SimulatorFixture.paper(home);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void the_token_is_cached_in_an_owner_only_file_and_reused_after_a_restart() throws Exception {
    try (KisClient first = sim.client()) {
      first.quotations().currentPrice(samsung);
    }
    Path cache = home.resolve("kis/token.json");
    assertThat(Files.getPosixFilePermissions(cache))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(sim.simulator.tokensIssued()).isEqualTo(1);
    sim.advance(Duration.ofHours(2));
    try (KisClient second = sim.client()) {
      second.quotations().currentPrice(samsung);
      second.trading().balance();
    }
    assertThat(sim.simulator.tokensIssued()).isEqualTo(1);
  }

  @Test
  void an_expired_token_is_reissued_once_a_minute_at_most() {
    try (KisClient client = sim.client()) {
      client.quotations().currentPrice(samsung);
      sim.simulator.faults().expireTokens();
      assertThatThrownBy(() -> client.quotations().currentPrice(samsung))
          .isInstanceOfSatisfying(
              KisApiException.class,
              e -> assertThat(e.error().msgCd()).isEqualTo(KisError.TOKEN_ISSUE_THROTTLED));
      sim.advance(Duration.ofSeconds(61));
      assertThat(client.quotations().currentPrice(samsung).price()).isPositive();
      assertThat(sim.simulator.tokensIssued()).isEqualTo(2);
    }
  }

  @Test
  void a_token_reaches_its_expiry_and_a_new_one_is_issued() {
    try (KisClient client = sim.client()) {
      client.quotations().currentPrice(samsung);
      sim.advance(Duration.ofHours(24));
      assertThat(client.quotations().currentPrice(samsung).price()).isPositive();
      assertThat(sim.simulator.tokensIssued()).isEqualTo(2);
    }
  }

  @Test
  void the_servers_one_per_minute_rule_is_the_distinct_403_shape() {
    try (KisClient first = sim.client();
        KisClient second = KisClient.open(sim.config().withTrIds(TrIds.CURRENT), sim.clock)) {
      first.quotations().currentPrice(samsung);
      Path other = home.resolve("other-cache.json");
      KisConfig otherCache =
          new KisConfig(
              sim.config().environment(),
              sim.config().restUrl(),
              sim.config().wsUrl(),
              sim.config().naverUrl(),
              sim.config().credentials(),
              100,
              Duration.ofSeconds(5),
              other,
              Duration.ofMillis(100),
              Duration.ofSeconds(1),
              Duration.ofSeconds(60),
              TrIds.CURRENT);
      try (KisClient third = KisClient.open(otherCache, sim.clock)) {
        assertThatThrownBy(() -> third.quotations().currentPrice(samsung))
            .isInstanceOfSatisfying(
                KisApiException.class,
                e -> {
                  assertThat(e.error().httpStatus()).isEqualTo(403);
                  assertThat(e.error().msgCd()).isEqualTo("EGW00133");
                });
      }
      assertThat(second.quotations().currentPrice(samsung).price()).isPositive();
    }
  }

  @Test
  void concurrent_callers_share_one_rate_limit_and_never_exceed_it() throws Exception {
    sim.close();
    sim =
        new SimulatorFixture(
            home,
            SimulatorConfig.defaults().withUniverse(Universe.defaultUniverse().first(5)),
            SimulatorFixture.OPEN.plusSeconds(30));
    try (KisClient a = sim.client();
        KisClient b = KisClient.open(sim.config(), sim.clock)) {
      a.quotations().currentPrice(samsung);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        KisClient client = i % 2 == 0 ? a : b;
        calls.add(pool.submit(() -> client.quotations().currentPrice(samsung).price()));
      }
      for (Future<Long> call : calls) {
        assertThat(call.get()).isPositive();
      }
      pool.shutdown();
      Map<Long, Integer> accepted =
          sim.simulator.acceptedCallsPerSecond(KisCredentials.SIMULATOR.appKey());
      assertThat(accepted.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
      assertThat(accepted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
      assertThat(sim.simulator.rateLimitedCalls(KisCredentials.SIMULATOR.appKey()))
          .isLessThanOrEqualTo(2);
    }
  }

  @Test
  void injected_rate_limit_errors_are_retried_after_a_back_off() {
    try (KisClient client = sim.client()) {
      sim.simulator.faults().rateLimitNext(3);
      assertThat(client.quotations().currentPrice(samsung).price()).isPositive();
      sim.simulator.faults().rateLimitNext(RestTransport.RATE_LIMIT_RETRIES + 1);
      assertThatThrownBy(() -> client.quotations().currentPrice(samsung))
          .isInstanceOfSatisfying(
              KisApiException.class, e -> assertThat(e.error().msgCd()).isEqualTo("EGW00201"));
    }
  }

  @Test
  void a_failed_call_keeps_msg_cd_and_a_delayed_call_times_out() {
    try (KisClient client =
        KisClient.open(sim.config().withTimeout(Duration.ofMillis(400)), sim.clock)) {
      client.quotations().currentPrice(samsung);
      sim.simulator
          .faults()
          .failNext(
              "/uapi/domestic-stock/v1/trading/order-cash",
              500,
              "{\"rt_cd\":\"1\",\"msg_cd\":\"IGW00007\",\"msg1\":\"MCA 전문바디 구성 중 오류가 발생하였습니다.\"}");
      assertThatThrownBy(
              () -> client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1)))
          .isInstanceOfSatisfying(
              KisApiException.class,
              e -> {
                assertThat(e.error().msgCd()).isEqualTo("IGW00007");
                assertThat(e.error().httpStatus()).isEqualTo(500);
              });
      sim.simulator.faults().delayNext("/uapi/", Duration.ofMillis(1500), 1);
      assertThatThrownBy(
              () -> client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1)))
          .isInstanceOf(KisException.class)
          .hasMessageContaining("timed out")
          .hasMessageContaining("may still have been processed");
    }
  }

  @Test
  void unknown_paths_and_paper_unsupported_trs_are_gateway_errors() {
    try (KisClient client = sim.client()) {
      KisConfig wrongIds =
          sim.config()
              .withTrIds(
                  new TrIds(
                      "TTTC0012U",
                      "TTTC0011U",
                      "TTTC0013U",
                      "TTTC9999R",
                      "TTTC0081R",
                      "TTTC8908R",
                      "TTTC8408R"));
      try (KisClient wrong = KisClient.open(wrongIds, sim.clock)) {
        assertThatThrownBy(() -> wrong.trading().balance())
            .isInstanceOfSatisfying(
                KisApiException.class, e -> assertThat(e.error().msgCd()).isEqualTo("OPSQ0002"));
      }
      assertThat(client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1)))
          .isInstanceOf(OrderResult.Accepted.class);
      KisConfig oldIds =
          sim.config()
              .withTrIds(
                  new TrIds(
                      "TTTC0802U",
                      "TTTC0801U",
                      "TTTC0803U",
                      "TTTC8434R",
                      "TTTC8001R",
                      "TTTC8908R",
                      "TTTC8408R"));
      try (KisClient old = KisClient.open(oldIds, sim.clock)) {
        assertThat(old.trading().place(OrderRequest.market(OrderSide.SELL, samsung, 1)))
            .isInstanceOf(OrderResult.Accepted.class);
      }
    }
  }

  @Test
  void secrets_never_appear_in_logs_exceptions_or_printed_configuration() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level =
        ((Logger) LoggerFactory.getLogger("io.krxtrader")).getLevel();
    ((Logger) LoggerFactory.getLogger("io.krxtrader")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    List<String> texts = new ArrayList<>();
    try (KisClient client = sim.client()) {
      client.quotations().currentPrice(samsung);
      sim.simulator.faults().expireTokens();
      try {
        client.quotations().currentPrice(samsung);
      } catch (KisException e) {
        texts.add(e.toString());
      }
      sim.simulator
          .faults()
          .failNext("/uapi/", 500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"x\"}");
      try {
        client.quotations().currentPrice(samsung);
      } catch (KisException e) {
        texts.add(e.toString());
      }
      texts.add(client.config().toString());
      texts.add(client.config().credentials().toString());
    } finally {
      root.detachAppender(appender);
      ((Logger) LoggerFactory.getLogger("io.krxtrader")).setLevel(level);
    }
    appender.list.forEach(
        event ->
            texts.add(
                event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                        ? ""
                        : event.getThrowableProxy().getMessage())));
    String token =
        Files.readString(home.resolve("kis/token.json"))
            .replaceAll(".*\"access_token\":\"([^\"]*)\".*", "$1");
    List<String> secrets =
        new ArrayList<>(
            List.of(
                KisCredentials.SIMULATOR.appKey().reveal(),
                KisCredentials.SIMULATOR.appSecret().reveal(),
                KisCredentials.SIMULATOR.account().cano(),
                KisCredentials.SIMULATOR.htsId().reveal()));
    if (!token.isBlank()) {
      secrets.add(token);
    }
    assertThat(texts).isNotEmpty();
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
