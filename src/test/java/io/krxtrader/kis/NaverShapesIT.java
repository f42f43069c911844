package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.SimulatorFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Naver polling answers in each shape Naver has used, served over HTTP by the simulator's Naver
 * host: the current shape and the older {@code result.areas[].datas} one give the right prices; an
 * answer that gives no quote for a requested symbol is an error naming the shape it saw, and is
 * counted.
 */
class NaverShapesIT {

  /**
   * The older answer shape, written by hand for this test (not a recording). The envelope and the
   * item fields are as documented in the team's KIS reference, shared/kis/REFERENCE.md §7 (written
   * from public sources) ("Legacy GET
   * https://polling.finance.naver.com/api/realtime?query=SERVICE_ITEM:…": {@code
   * {"resultCode":"success","result":{"pollingInterval":…,"areas":[{"name":"SERVICE_ITEM","datas":
   * [{…}]}],"time":<epoch ms>}}}, items {@code cd nm sv nv cv cr rf ms pcv ov hv lv ul ll aq aa};
   * {@code cv}/{@code cr} unsigned, {@code rf} 1 limit up, 2 up, 3 unchanged, 4 limit down, 5
   * down), and as public client code reads it ({@code result.areas[0].datas[0].nv}). The Samsung
   * values repeat the recorded current-shape sample of 2026-08-20 (268,500, up 21,000), so both
   * shapes describe the same quote; the second item is a falling one.
   */
  static final String OLDER =
      """
      {"resultCode":"success","result":{"pollingInterval":50000,"areas":[{"name":"SERVICE_ITEM",
       "datas":[
        {"cd":"005930","nm":"삼성전자","sv":247500,"nv":268500,"cv":21000,"cr":8.48,"rf":"2",
         "mt":"1","ms":"OPEN","tyn":"N","pcv":247500,"ov":257000,"hv":273000,"lv":252500,
         "ul":321500,"ll":173500,"aq":14990890,"aa":3964004000000},
        {"cd":"000660","nm":"SK하이닉스","sv":182000,"nv":180000,"cv":2000,"cr":1.10,"rf":"5",
         "mt":"1","ms":"OPEN","tyn":"N","pcv":182000,"ov":181000,"hv":183000,"lv":179500,
         "ul":236600,"ll":127400,"aq":3100000,"aa":558000000000}]}],
       "time":1787195557828}}
      """;

  @TempDir Path home;
  SimulatorFixture sim;
  KisClient client;
  final Symbol samsung = Symbol.of("005930");
  final Symbol hynix = Symbol.of("000660");

  @BeforeEach
  void start() {
    sim = SimulatorFixture.paper(home);
    client = sim.client();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void the_current_shape_gives_the_recorded_price() throws Exception {
    sim.simulator
        .faults()
        .answerNextNaverPoll(
            200,
            KisSamplesIT.read("naver_polling_domestic_stock__recorded_trimmed_2026-08-20.json"));
    NaverQuotes quotes = client.naver().quotes(List.of(samsung));
    assertThat(quotes.quotes())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.price()).isEqualTo(268_500);
              assertThat(q.previousClose()).isEqualTo(247_500);
              assertThat(q.tradedAt()).isPresent();
            });
    assertThat(quotes.pollingInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(client.naver().answersMissingQuotes()).isZero();
  }

  @Test
  void the_older_shape_gives_the_same_prices_with_signs_from_rf() {
    sim.simulator.faults().answerNextNaverPoll(200, OLDER);
    NaverQuotes quotes = client.naver().quotes(List.of(samsung, hynix));
    assertThat(quotes.pollingInterval()).isEqualTo(Duration.ofSeconds(50));
    NaverQuote up = quotes.quotes().get(0);
    assertThat(up.symbol()).isEqualTo(samsung);
    assertThat(up.price()).isEqualTo(268_500);
    assertThat(up.change()).isEqualTo(21_000);
    assertThat(up.previousClose()).isEqualTo(247_500);
    assertThat(up.volume()).isEqualTo(14_990_890);
    assertThat(up.tradedValue()).isEqualTo(3_964_004_000_000L);
    assertThat(up.tradedAt()).isEmpty();
    NaverQuote down = quotes.quotes().get(1);
    assertThat(down.symbol()).isEqualTo(hynix);
    assertThat(down.price()).isEqualTo(180_000);
    assertThat(down.change()).isEqualTo(-2_000);
    assertThat(down.changeRate()).isEqualByComparingTo(new BigDecimal("-1.10"));
    assertThat(down.previousClose()).isEqualTo(182_000);
    assertThat(client.naver().answersMissingQuotes()).isZero();
  }

  @Test
  void an_unknown_shape_is_an_error_naming_its_keys_and_is_counted() {
    sim.simulator
        .faults()
        .answerNextNaverPoll(
            200, "{\"pollingInterval\":7000,\"items\":[{\"code\":\"005930\",\"price\":268500}]}");
    assertThatThrownBy(() -> client.naver().quotes(List.of(samsung)))
        .isInstanceOfSatisfying(
            NaverMissingQuotesException.class,
            e -> {
              assertThat(e.missing()).containsOnlyKeys(samsung);
              assertThat(e.quotes().quotes()).isEmpty();
            })
        .hasMessageContaining("no quote for 1 of 1 requested symbols")
        .hasMessageContaining("unknown with top-level keys pollingInterval,items")
        .hasMessageContaining("005930 (no item for the symbol)");
    assertThat(client.naver().answersMissingQuotes()).isEqualTo(1);
    assertThat(client.naver().symbolsMissingQuotes()).isEqualTo(1);
    // The next (normal) answer reads again and adds nothing to the count.
    assertThat(client.naver().quotes(List.of(samsung)).quotes()).hasSize(1);
    assertThat(client.naver().answersMissingQuotes()).isEqualTo(1);
  }

  @Test
  void a_renamed_price_field_or_a_missing_symbol_is_an_error_that_keeps_the_other_quotes() {
    sim.simulator
        .faults()
        .answerNextNaverPoll(
            200,
            """
            {"pollingInterval":7000,"datas":[
              {"itemCode":"005930","stockName":"삼성전자","closePriceRaw":268500,
               "compareToPreviousClosePriceRaw":21000},
              {"itemCode":"000660","stockName":"SK하이닉스","currentPrice":"180,000"},
              {"itemCode":"035420","stockName":"NAVER","closePrice":"-"}]}
            """);
    Symbol naverCorp = Symbol.of("035420");
    Symbol kakao = Symbol.of("035720");
    assertThatThrownBy(() -> client.naver().quotes(List.of(samsung, hynix, naverCorp, kakao)))
        .isInstanceOfSatisfying(
            NaverMissingQuotesException.class,
            e -> {
              assertThat(e.quotes().quotes())
                  .singleElement()
                  .satisfies(q -> assertThat(q.price()).isEqualTo(268_500));
              assertThat(e.missing()).containsOnlyKeys(hynix, naverCorp, kakao);
              assertThat(e.missing().get(hynix)).startsWith("item without closePrice");
              assertThat(e.missing().get(naverCorp)).contains("halted or delisted");
              assertThat(e.missing().get(kakao)).isEqualTo("no item for the symbol");
            })
        .hasMessageContaining("current datas[] with top-level keys pollingInterval,datas");
    assertThat(client.naver().answersMissingQuotes()).isEqualTo(1);
    assertThat(client.naver().symbolsMissingQuotes()).isEqualTo(3);
  }
}
