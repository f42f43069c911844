package io.krxtrader.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PriceEventTest {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Instant T = Instant.parse("2026-01-22T01:00:00Z");

  @Test
  void prices_must_be_positive_and_volumes_not_negative() {
    assertThatThrownBy(() -> PriceEvent.of(SAMSUNG, PriceSource.KIS_WS, T, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("symbol=005930");
    assertThatThrownBy(() -> PriceEvent.quoted(SAMSUNG, PriceSource.KIS_WS, T, 100, -1, 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PriceEvent(
                    SAMSUNG,
                    PriceSource.KIS_WS,
                    T,
                    100,
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    OptionalLong.of(-5),
                    OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void time_is_kept_to_the_microsecond_as_postgresql_stores_it() {
    PriceEvent event = PriceEvent.of(SAMSUNG, PriceSource.KIS_WS, T.plusNanos(1_234_567), 100);
    assertThat(event.ts()).isEqualTo(T.plusNanos(1_234_000));
  }

  @Test
  void a_batch_drops_repeats_of_the_same_symbol_time_and_source() {
    List<PriceEvent> events =
        List.of(
            PriceEvent.of(SAMSUNG, PriceSource.KIS_WS, T, 100),
            PriceEvent.of(SAMSUNG, PriceSource.KIS_WS, T, 100),
            PriceEvent.of(SAMSUNG, PriceSource.KIS_REST, T, 100),
            // 500 ns later is the same microsecond: a repeat too
            PriceEvent.of(SAMSUNG, PriceSource.KIS_WS, T.plusNanos(500), 100));
    BatchPlan plan =
        BatchPlan.of(events, new java.util.HashMap<>(), T.plusSeconds(1), MarketConfig.defaults());
    assertThat(plan.newTicks()).hasSize(2);
    assertThat(plan.maybeStored()).isEmpty();
    assertThat(plan.bests())
        .singleElement()
        .extracting(BestPrice::source)
        .isEqualTo(PriceSource.KIS_WS);
  }
}
