package io.krxtrader.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceSource;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.reentry.ReentryConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replay loop without a database: best-price choice, existing keys, determinism. */
class ReplayerTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Symbol SYMBOL = Symbol.of("005930");
  private static final UUID POSITION = UUID.nameUUIDFromBytes("p".getBytes());

  private static Instant kst(String time) {
    return LocalDateTime.parse(DAY + "T" + time).atZone(TradingCalendar.KST).toInstant();
  }

  private static ReplayResult run(PriceTape tape, Set<String> keys) {
    ReplayDay day =
        new ReplayDay(
            DAY,
            tape,
            List.of(
                new ReplayDay.Holding(
                    POSITION,
                    SYMBOL,
                    100,
                    BigDecimal.valueOf(10_000),
                    kst("10:00:00").minus(Duration.ofDays(2)),
                    Optional.empty())),
            List.of(),
            Map.of(),
            keys,
            Map.of());
    return new Replayer(
            ExitConfig.defaults(),
            ReentryConfig.defaults(),
            MarketConfig.defaults(),
            TradingCalendar.krx(),
            Duration.ofSeconds(1),
            Replayer.FillMode.LIVE)
        .run(day, done -> {});
  }

  @Test
  void a_rest_price_within_a_second_of_a_websocket_price_is_not_the_best() {
    PriceTape tape = new PriceTape();
    tape.add(kst("10:00:00"), SYMBOL, PriceSource.KIS_WS, 10_000);
    tape.add(kst("10:00:00.500"), SYMBOL, PriceSource.KIS_REST, 9_700); // outranked: no SL1
    tape.add(kst("10:00:03"), SYMBOL, PriceSource.KIS_REST, 9_750); // the WS price is 3 s old
    ReplayResult result = run(tape, Set.of());
    assertThat(result.decisionList())
        .isEqualTo(
            "SIGNAL "
                + kst("10:00:03")
                + " "
                + POSITION
                + " SL1 9750\n"
                + "INTENT "
                + POSITION
                + ":SL1 EXIT_PARTIAL qty=50 MKT\n");
  }

  @Test
  void an_existing_key_writes_the_signal_but_no_intent_and_two_runs_are_identical() {
    PriceTape tape = new PriceTape();
    tape.add(kst("10:00:00"), SYMBOL, PriceSource.KIS_WS, 9_750);
    ReplayResult first = run(tape, Set.of(POSITION + ":SL1"));
    assertThat(first.signals()).hasSize(1);
    assertThat(first.intents()).isEmpty();
    assertThat(run(tape, Set.of(POSITION + ":SL1")).decisionBytes())
        .isEqualTo(first.decisionBytes());
  }
}
