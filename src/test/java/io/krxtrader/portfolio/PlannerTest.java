package io.krxtrader.portfolio;

import static io.krxtrader.portfolio.Fixtures.HYUNDAI;
import static io.krxtrader.portfolio.Fixtures.KAKAO;
import static io.krxtrader.portfolio.Fixtures.LG_CHEM;
import static io.krxtrader.portfolio.Fixtures.SAMSUNG;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.TickSize;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

  @Test
  void plans_the_hand_computed_orders_sells_first() {
    Planner.Plan plan = Planner.plan(Fixtures.example(), Fixtures.policy("0.4"));

    // Kakao +0.1: 500,000 / 50,000 = 10 to sell. Samsung -0.06: 300,000 / 70,000 = 4.28 -> 4.
    // LG Chem -0.3: 1,500,000 / 300,000 = 5. Hynix is on target: no order.
    assertThat(plan.orders())
        .containsExactly(
            new PlannedOrder(KAKAO, OrderSide.SELL, 10, 50_000, 1),
            new PlannedOrder(SAMSUNG, OrderSide.BUY, 4, 70_000, 2),
            new PlannedOrder(LG_CHEM, OrderSide.BUY, 5, 300_000, 2));
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void a_buy_stops_at_max_position_pct() {
    // max 0.16: Samsung may reach 0.16 x 5,000,000 / 70,000 = 11.4 -> 11 shares, holds 10: buy 1.
    // LG Chem: 800,000 / 300,000 = 2.67 -> 2 (not 5).
    Planner.Plan plan = Planner.plan(Fixtures.example(), Fixtures.policy("0.16"));

    assertThat(plan.orders())
        .containsExactly(
            new PlannedOrder(KAKAO, OrderSide.SELL, 10, 50_000, 1),
            new PlannedOrder(SAMSUNG, OrderSide.BUY, 1, 70_000, 2),
            new PlannedOrder(LG_CHEM, OrderSide.BUY, 2, 300_000, 2));
  }

  @Test
  void a_sell_never_exceeds_the_holding_and_prices_go_on_the_tick_grid() {
    // Hyundai held 1,000 at a bar close of 2,004.9 with no target: sell everything. The limit is
    // the grid price below (2,000, tick 5), and 2,004,900 / 2,000 = 1,002.45 would sell 1,002.
    // Samsung at 70,049.5 is to be bought: the limit goes up to the grid, 70,100.
    Valuation valuation =
        Valuation.of(
            1_000_000,
            Map.of(
                HYUNDAI,
                new Valuation.Holding(HYUNDAI, 1_000, new BigDecimal("2000")),
                SAMSUNG,
                new Valuation.Holding(SAMSUNG, 1, new BigDecimal("70000"))),
            Map.of(
                HYUNDAI, Fixtures.price("2004.9", PriceSource.BAR_CLOSE),
                SAMSUNG, Fixtures.price("70049.5", PriceSource.BAR_CLOSE)),
            Map.of(SAMSUNG, new BigDecimal("0.5")));

    Planner.Plan plan = Planner.plan(valuation, Fixtures.policy("0.5"));

    assertThat(plan.orders())
        .containsExactly(
            new PlannedOrder(HYUNDAI, OrderSide.SELL, 1_000, 2_000, 1),
            // (0.5 - 70,049.5 / 3,074,949.5) x 3,074,949.5 = 1,467,425.25 / 70,100 = 20.94 -> 20;
            // the cap 0.5 x 3,074,949.5 / 70,100 = 21.9 -> 21 - 1 held = 20.
            new PlannedOrder(SAMSUNG, OrderSide.BUY, 20, 70_100, 2));
    assertThat(plan.orders()).allMatch(o -> TickSize.isOnGrid(o.limitPrice()));
  }

  @Test
  void a_target_without_a_price_is_skipped_and_named() {
    Valuation valuation =
        Valuation.of(1_000_000, Map.of(), Map.of(), Map.of(LG_CHEM, new BigDecimal("1")));

    Planner.Plan plan = Planner.plan(valuation, Fixtures.policy("1"));

    assertThat(plan.orders()).isEmpty();
    assertThat(plan.skipped()).containsExactly("051910: no price");
  }
}
