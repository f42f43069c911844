package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TickSize;
import io.krxtrader.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against the simulator over real sockets: every endpoint, paging, orders. */
class KisRestIT {

  @TempDir Path home;
  SimulatorFixture sim;
  KisClient client;
  final Symbol samsung = Symbol.of("005930");

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
  void current_price_matches_the_simulated_market_and_its_limits() {
    sim.advance(Duration.ofMinutes(5));
    CurrentPrice price = client.quotations().currentPrice(samsung);
    assertThat(price.price()).isEqualTo(sim.simulator.lastPrice(samsung));
    assertThat(price.lowerLimit()).isLessThan(price.price());
    assertThat(price.upperLimit()).isGreaterThan(price.price());
    assertThat(price.tickSize()).isEqualTo(TickSize.of(price.price()));
    assertThat(price.change()).isEqualTo(price.price() - price.basePrice());
    assertThat(price.high()).isGreaterThanOrEqualTo(price.low());
    assertThat(price.volume()).isPositive();
  }

  @Test
  void orderbook_has_ten_levels_on_the_tick_grid_with_asks_above_bids() {
    sim.advance(Duration.ofMinutes(1));
    Orderbook book = client.quotations().orderbook(samsung);
    assertThat(book.asks()).hasSize(10);
    assertThat(book.bids()).hasSize(10);
    assertThat(book.bestAsk()).isGreaterThan(book.bestBid());
    assertThat(book.asks())
        .allSatisfy(level -> assertThat(TickSize.isOnGrid(level.price())).isTrue());
    assertThat(book.expectedPrice()).isZero();
  }

  @Test
  void daily_bars_page_backwards_past_one_hundred_rows() {
    LocalDate today = LocalDate.of(2026, 11, 23);
    List<DailyBar> bars = client.quotations().dailyBars(samsung, today.minusDays(400), today);
    assertThat(bars.size()).isGreaterThan(200);
    assertThat(bars).isSortedAccordingTo((a, b) -> a.date().compareTo(b.date()));
    assertThat(bars).extracting(DailyBar::date).doesNotHaveDuplicates();
    assertThat(bars.get(bars.size() - 1).date()).isEqualTo(today);
  }

  @Test
  void minute_bars_page_backwards_in_thirties() {
    sim.advance(Duration.ofMinutes(70));
    List<MinuteBar> bars = client.quotations().minuteBars(samsung, LocalTime.of(10, 10), 200);
    assertThat(bars.size()).isGreaterThan(60);
    assertThat(bars).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
    assertThat(bars.get(bars.size() - 1).time()).isBeforeOrEqualTo(LocalTime.of(10, 10));
    assertThat(bars).allSatisfy(bar -> assertThat(bar.high()).isGreaterThanOrEqualTo(bar.low()));
  }

  @Test
  void a_market_buy_fills_and_the_balance_agrees_with_the_fills() {
    long startCash = client.trading().balance().cashSettled();
    OrderResult result = client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 10));
    assertThat(result).isInstanceOf(OrderResult.Accepted.class);
    OrderResult.Accepted accepted = (OrderResult.Accepted) result;
    assertThat(accepted.branch()).isEqualTo("00950");
    assertThat(accepted.msgCd()).isEqualTo("40600000");

    List<OrderRecord> orders =
        client.trading().dailyOrders(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23));
    assertThat(orders).hasSize(1);
    OrderRecord row = orders.get(0);
    assertThat(row.orderNumber().sameAs(accepted.orderNumber())).isTrue();
    assertThat(row.filledQuantity()).isEqualTo(10);
    Balance balance = client.trading().balance();
    assertThat(balance.holdings())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.symbol()).isEqualTo(samsung);
              assertThat(h.quantity()).isEqualTo(10);
              assertThat(h.purchaseAmount()).isEqualTo(row.filledAmount());
            });
    long commission = (long) Math.floor(row.filledAmount() * 0.000140527);
    assertThat(balance.todayFees()).isEqualTo(commission);
    assertThat(balance.cashSettled()).isEqualTo(startCash - row.filledAmount() - commission);
    assertThat(client.trading().sellableQuantity(samsung)).isEqualTo(10);
  }

  @Test
  void selling_pays_commission_and_the_2026_transaction_tax() {
    client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 20));
    Balance before = client.trading().balance();
    client.trading().place(OrderRequest.market(OrderSide.SELL, samsung, 20));
    Balance after = client.trading().balance();
    long sold = after.todaySellAmount();
    long expected = (long) Math.floor(sold * 0.000140527) + sold * 20 / 10_000;
    assertThat(after.todayFees() - before.todayFees()).isEqualTo(expected);
    assertThat(after.holdings()).allSatisfy(h -> assertThat(h.quantity()).isZero());
  }

  @Test
  void a_resting_limit_order_can_be_revised_and_cancelled() {
    sim.advance(Duration.ofSeconds(5));
    CurrentPrice price = client.quotations().currentPrice(samsung);
    long low = TickSize.ceil(price.lowerLimit());
    OrderResult.Accepted order =
        (OrderResult.Accepted)
            client.trading().place(OrderRequest.limit(OrderSide.BUY, samsung, 7, low));
    OrderResult revised =
        client
            .trading()
            .revise(order.orderNumber(), order.branch(), OrderType.LIMIT, 0, TickSize.up(low));
    assertThat(revised).isInstanceOf(OrderResult.Accepted.class);
    OrderNumber revisedNumber = ((OrderResult.Accepted) revised).orderNumber();
    assertThat(client.trading().cancel(revisedNumber, order.branch(), 0))
        .isInstanceOf(OrderResult.Accepted.class);
    OrderResult again = client.trading().cancel(revisedNumber, order.branch(), 0);
    assertThat(again)
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class, r -> assertThat(r.error().msgCd()).isEqualTo("40330000"));
    List<OrderRecord> orders =
        client.trading().dailyOrders(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23));
    assertThat(orders).hasSize(3);
    assertThat(orders).allSatisfy(o -> assertThat(o.remainingQuantity()).isZero());
    assertThat(orders.get(0).cancelled()).isTrue();
  }

  @Test
  void broker_refusals_are_values_with_msg_cd_and_msg1() {
    OrderResult tooBig =
        client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1_000_000));
    assertThat(tooBig)
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class,
            r -> {
              assertThat(r.error().msgCd()).isEqualTo("APBK0952");
              assertThat(r.error().message()).contains("주문가능금액");
            });
    OrderResult noHolding = client.trading().place(OrderRequest.market(OrderSide.SELL, samsung, 1));
    assertThat(noHolding)
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class, r -> assertThat(r.error().msgCd()).isEqualTo("40240000"));
    CurrentPrice price = client.quotations().currentPrice(samsung);
    OrderResult offGrid =
        client.trading().place(OrderRequest.limit(OrderSide.BUY, samsung, 1, price.price() + 1));
    assertThat(offGrid).isInstanceOf(OrderResult.Rejected.class);
    OrderResult aboveLimit =
        client
            .trading()
            .place(OrderRequest.limit(OrderSide.BUY, samsung, 1, TickSize.up(price.upperLimit())));
    assertThat(aboveLimit).isInstanceOf(OrderResult.Rejected.class);
    sim.simulator.faults().rejectNextOrders(1, "40070000", "모의투자 주문처리가 안되었습니다(매매불가 종목)");
    assertThat(client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1)))
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class, r -> assertThat(r.error().msgCd()).isEqualTo("40070000"));
  }

  @Test
  void orders_outside_their_session_window_are_refused() {
    OrderResult afterHours =
        client
            .trading()
            .place(
                new OrderRequest(
                    OrderSide.BUY, samsung, OrderType.POST_MARKET_CLOSING_PRICE, 1, 0));
    assertThat(afterHours)
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class, r -> assertThat(r.error().msgCd()).isEqualTo("APBK0919"));
  }

  @Test
  void balance_and_daily_orders_follow_tr_cont_pages() {
    List<Symbol> symbols = sim.simulator.config().universe().symbols();
    for (Symbol symbol : symbols.subList(0, 25)) {
      assertThat(client.trading().place(OrderRequest.market(OrderSide.BUY, symbol, 1)))
          .isInstanceOf(OrderResult.Accepted.class);
    }
    Balance balance = client.trading().balance();
    assertThat(balance.holdings()).hasSize(25);
    assertThat(balance.holdings()).extracting(Holding::symbol).doesNotHaveDuplicates();
    List<OrderRecord> orders =
        client.trading().dailyOrders(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23));
    assertThat(orders).hasSize(25);
    assertThat(orders).extracting(o -> o.orderNumber().value()).doesNotHaveDuplicates();
  }

  @Test
  void buying_power_reflects_cash_and_price() {
    CurrentPrice price = client.quotations().currentPrice(samsung);
    BuyingPower power = client.trading().buyingPower(samsung, price.price(), OrderType.LIMIT);
    assertThat(power.orderableCash()).isEqualTo(100_000_000L);
    assertThat(power.maxQuantity())
        .isBetween(100_000_000L / price.price() - 2, 100_000_000L / price.price());
  }

  @Test
  void naver_quotes_match_the_simulated_market() {
    sim.advance(Duration.ofMinutes(2));
    List<Symbol> symbols = sim.simulator.config().universe().symbols().subList(0, 3);
    NaverQuotes quotes = client.naver().quotes(symbols);
    assertThat(quotes.pollingInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(quotes.quotes()).hasSize(3);
    for (NaverQuote quote : quotes.quotes()) {
      assertThat(quote.price()).isEqualTo(sim.simulator.lastPrice(quote.symbol()));
      assertThat(quote.tradedAt()).isPresent();
    }
  }

  @Test
  void a_paper_key_on_a_real_simulator_is_refused_with_egw02004() {
    try (SimulatorFixture real =
            new SimulatorFixture(
                home.resolve("real"),
                io.krxtrader.sim.SimulatorConfig.defaults()
                    .withMode(false)
                    .withUniverse(io.krxtrader.krx.Universe.defaultUniverse().first(3)),
                SimulatorFixture.OPEN.plusSeconds(1));
        KisClient wrong =
            KisClient.open(
                KisConfig.forUrls(
                    KisEnvironment.REAL,
                    real.simulator.restUrl(),
                    real.simulator.wsUrl(),
                    real.simulator.naverUrl(),
                    KisCredentials.SIMULATOR,
                    home.resolve("real/token.json")),
                real.clock);
        KisClient right = real.client()) {
      assertThatThrownBy(() -> wrong.quotations().currentPrice(samsung))
          .isInstanceOfSatisfying(
              KisApiException.class, e -> assertThat(e.error().msgCd()).isEqualTo("EGW02004"));
      assertThat(right.quotations().currentPrice(samsung).price()).isPositive();
      assertThat(right.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1)))
          .isInstanceOfSatisfying(
              OrderResult.Accepted.class, a -> assertThat(a.orderNumber().value()).hasSize(10));
      assertThat(right.trading().sellableQuantity(samsung)).isEqualTo(1);
    }
  }
}
