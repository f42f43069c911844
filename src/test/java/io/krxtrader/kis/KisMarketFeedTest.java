package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class KisMarketFeedTest {

  private static TradeTick trade(String time, Instant receivedAt) {
    return new TradeTick(
        Symbol.of("005930"),
        LocalDate.of(2026, 1, 22),
        LocalTime.parse(time),
        receivedAt,
        71_500,
        100,
        BigDecimal.ONE,
        71_000,
        71_600,
        70_900,
        71_500,
        71_400,
        10,
        1_000,
        71_500_000,
        true,
        5,
        7,
        false,
        "20");
  }

  @Test
  void exchange_seconds_get_the_receive_times_milliseconds_so_two_trades_in_a_second_stay_two() {
    Instant first =
        KisMarketFeed.exchangeTime(trade("09:31:05", Instant.parse("2026-01-22T00:31:05.134Z")));
    Instant second =
        KisMarketFeed.exchangeTime(trade("09:31:05", Instant.parse("2026-01-22T00:31:05.642Z")));
    assertThat(first).isEqualTo(Instant.parse("2026-01-22T00:31:05.134Z"));
    assertThat(second).isEqualTo(Instant.parse("2026-01-22T00:31:05.642Z"));
  }

  @Test
  void a_trade_received_late_keeps_its_exchange_second() {
    Instant late =
        KisMarketFeed.exchangeTime(trade("09:31:05", Instant.parse("2026-01-22T00:31:07.250Z")));
    assertThat(late).isEqualTo(Instant.parse("2026-01-22T00:31:05.250Z"));
  }
}
