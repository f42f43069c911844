package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.kis.Balance;
import io.krxtrader.kis.Holding;
import io.krxtrader.kis.KisClient;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.testkit.SimulatorFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trade behind krx-trader's back ({@link Faults#tradeOffBook}): the balance the KIS client reads
 * changes, while the day's orders stay empty.
 */
class OffBookTradeIT {

  private final Symbol kia = Symbol.of("000270");

  @Test
  void an_off_book_buy_and_sale_change_the_balance_without_an_order(@TempDir Path home) {
    try (SimulatorFixture sim = SimulatorFixture.paper(home);
        KisClient client = sim.client()) {
      Balance before = client.trading().balance();
      assertThat(holding(before)).isEmpty();

      sim.simulator.faults().tradeOffBook(kia, 30, 95_000);
      sim.advance(Duration.ofSeconds(1));
      Balance bought = client.trading().balance();
      Holding held = holding(bought).orElseThrow();
      assertThat(held.quantity()).isEqualTo(30);
      assertThat(held.averagePrice()).isEqualByComparingTo(new BigDecimal("95000"));
      assertThat(bought.todayBuyAmount()).isEqualTo(before.todayBuyAmount() + 30 * 95_000L);
      assertThat(bought.cashSettled()).isLessThan(before.cashSettled() - 30 * 95_000L + 1);

      sim.simulator.faults().tradeOffBook(kia, -10, 96_000);
      assertThat(holding(client.trading().balance()).orElseThrow().quantity()).isEqualTo(20);
      // a sale larger than the holding sells what is there
      sim.simulator.faults().tradeOffBook(kia, -50, 96_000);
      assertThat(holding(client.trading().balance())).isEmpty();

      LocalDate today = TradingCalendar.kstDate(sim.clock.instant());
      assertThat(client.trading().dailyOrders(today, today)).isEmpty();
    }
  }

  private Optional<Holding> holding(Balance balance) {
    return balance.holdings().stream()
        .filter(h -> h.symbol().equals(kia) && h.quantity() > 0)
        .findFirst();
  }
}
