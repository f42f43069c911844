package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket stream against the simulator: trades, books, encrypted notices, reconnects. */
class KisStreamIT {

  @TempDir Path home;
  SimulatorFixture sim;
  KisClient client;
  final Symbol samsung = Symbol.of("005930");
  final List<TradeTick> trades = new CopyOnWriteArrayList<>();
  final List<QuoteTick> quotes = new CopyOnWriteArrayList<>();
  final List<ExecutionNotice> notices = new CopyOnWriteArrayList<>();
  final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
  final List<StreamProblem> problems = new CopyOnWriteArrayList<>();
  final KisStreamListener listener =
      new KisStreamListener() {
        @Override
        public void onTrade(TradeTick trade) {
          trades.add(trade);
        }

        @Override
        public void onQuote(QuoteTick quote) {
          quotes.add(quote);
        }

        @Override
        public void onExecution(ExecutionNotice notice) {
          notices.add(notice);
        }

        @Override
        public void onConnection(ConnectionEvent event) {
          events.add(event);
        }

        @Override
        public void onProblem(StreamProblem problem) {
          problems.add(problem);
        }
      };

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

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void trades_and_books_arrive_consistent_with_each_other() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      stream.subscribe(StreamChannel.QUOTES, samsung).get(10, TimeUnit.SECONDS);
      sim.advance(Duration.ofSeconds(30));
      await("trades and quotes", () -> !trades.isEmpty() && !quotes.isEmpty());
      TradeTick trade = trades.get(trades.size() - 1);
      assertThat(trade.symbol()).isEqualTo(samsung);
      assertThat(trade.ask()).isGreaterThan(trade.bid());
      assertThat(trade.price()).isBetween(trade.bid(), trade.ask());
      assertThat(trade.high()).isGreaterThanOrEqualTo(trade.price());
      Orderbook book = quotes.get(quotes.size() - 1).book();
      assertThat(book.asks()).hasSize(10);
      assertThat(book.bestAsk()).isGreaterThan(book.bestBid());
      assertThat(trades.size()).isGreaterThan(5);
      assertThat(problems).isEmpty();
      assertThat(events)
          .extracting(ConnectionEvent::type)
          .containsExactly(ConnectionEvent.Type.CONNECTED);
    }
  }

  @Test
  void execution_notices_are_decrypted_for_acceptance_and_fill() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribeExecutions().get(10, TimeUnit.SECONDS);
      OrderResult.Accepted order =
          (OrderResult.Accepted)
              client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 3));
      await("two notices", () -> notices.size() >= 2);
      assertThat(notices.get(0).fill()).isFalse();
      assertThat(notices.get(0).orderNumber().sameAs(order.orderNumber())).isTrue();
      ExecutionNotice fill = notices.get(notices.size() - 1);
      assertThat(fill.fill()).isTrue();
      assertThat(fill.side()).isEqualTo(OrderSide.BUY);
      assertThat(fill.symbol()).isEqualTo(samsung);
      assertThat(
              notices.stream()
                  .filter(ExecutionNotice::fill)
                  .mapToLong(ExecutionNotice::quantity)
                  .sum())
          .isEqualTo(3);
      assertThat(problems).isEmpty();
    }
  }

  @Test
  void a_dropped_connection_reconnects_resubscribes_and_reports_each_step() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      stream.subscribeExecutions().get(10, TimeUnit.SECONDS);
      sim.simulator.faults().dropWebSockets();
      await(
          "resubscribed",
          () -> events.stream().anyMatch(e -> e.type() == ConnectionEvent.Type.RESUBSCRIBED));
      assertThat(events)
          .extracting(ConnectionEvent::type)
          .containsSubsequence(
              ConnectionEvent.Type.CONNECTED,
              ConnectionEvent.Type.DISCONNECTED,
              ConnectionEvent.Type.RECONNECTED,
              ConnectionEvent.Type.RESUBSCRIBED);
      assertThat(events).allSatisfy(e -> assertThat(e.at()).isNotNull());
      assertThat(sim.simulator.registrations(KisCredentials.SIMULATOR.appKey())).isEqualTo(2);
      trades.clear();
      sim.advance(Duration.ofSeconds(20));
      await("trades after the reconnect", () -> !trades.isEmpty());
      client.trading().place(OrderRequest.market(OrderSide.BUY, samsung, 1));
      await("a notice after the reconnect", () -> notices.stream().anyMatch(ExecutionNotice::fill));
    }
  }

  @Test
  void a_connection_that_goes_silent_is_taken_for_dropped_and_replaced() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      // No FIN, no PINGPONG, no data: only the client's silence limit (2 s here) can tell.
      sim.simulator.faults().silenceWebSockets();
      await(
          "resubscribed",
          () -> events.stream().anyMatch(e -> e.type() == ConnectionEvent.Type.RESUBSCRIBED));
      assertThat(events)
          .filteredOn(e -> e.type() == ConnectionEvent.Type.DISCONNECTED)
          .singleElement()
          .satisfies(e -> assertThat(e.reason()).startsWith("nothing received for "));
      trades.clear();
      sim.advance(Duration.ofSeconds(20));
      await("trades on the new connection", () -> !trades.isEmpty());
    }
  }

  @Test
  void a_refused_approval_key_is_replaced_by_a_reconnect_with_a_new_one() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      sim.simulator.faults().forgetApprovals();
      stream.subscribe(StreamChannel.QUOTES, samsung).get(10, TimeUnit.SECONDS);
      await(
          "resubscribed",
          () -> events.stream().anyMatch(e -> e.type() == ConnectionEvent.Type.RESUBSCRIBED));
      assertThat(events)
          .extracting(ConnectionEvent::type)
          .containsSubsequence(
              ConnectionEvent.Type.CONNECTED,
              ConnectionEvent.Type.DISCONNECTED,
              ConnectionEvent.Type.RECONNECTED,
              ConnectionEvent.Type.RESUBSCRIBED);
      assertThat(problems).anySatisfy(p -> assertThat(p.what()).contains("approval key"));
      assertThat(sim.simulator.registrations(KisCredentials.SIMULATOR.appKey())).isEqualTo(2);
      quotes.clear();
      sim.advance(Duration.ofSeconds(20));
      await("books after the reconnect", () -> !quotes.isEmpty());
    }
  }

  @Test
  void a_bad_record_in_a_multi_record_frame_loses_only_itself() throws Exception {
    String good = KisSamplesIT.read("ws_H0STCNT0__official_doc_example_payload.txt").strip();
    String[] fields = good.split("\\^", -1);
    fields[2] = "not-a-price";
    String bad = String.join("^", fields);
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      sim.simulator.faults().sendWebSocketFrame("0|H0STCNT0|003|" + good + "^" + bad + "^" + good);
      await("a problem report", () -> !problems.isEmpty());
      await("two trades", () -> trades.size() >= 2);
      assertThat(trades).hasSize(2).allSatisfy(t -> assertThat(t.price()).isEqualTo(71_900));
      assertThat(problems).singleElement().satisfies(p -> assertThat(p.what()).contains("record"));
    }
  }

  @Test
  void the_forty_second_registration_is_refused_locally() throws Exception {
    List<Symbol> symbols = sim.simulator.config().universe().symbols();
    try (KisStream stream = client.openStream(listener)) {
      for (int i = 0; i < 41; i++) {
        Symbol symbol = symbols.get(i % 30);
        stream
            .subscribe(i < 30 ? StreamChannel.TRADES : StreamChannel.QUOTES, symbol)
            .get(10, TimeUnit.SECONDS);
      }
      assertThat(stream.registrations()).isEqualTo(41);
      assertThatThrownBy(() -> stream.subscribe(StreamChannel.QUOTES, symbols.get(20)))
          .isInstanceOf(KisException.class)
          .hasMessageContaining("at most 41");
      stream.unsubscribe(StreamChannel.TRADES, symbols.get(0)).get(10, TimeUnit.SECONDS);
      stream.subscribe(StreamChannel.QUOTES, symbols.get(20)).get(10, TimeUnit.SECONDS);
      assertThat(sim.simulator.registrations(KisCredentials.SIMULATOR.appKey())).isEqualTo(41);
    }
  }

  @Test
  void one_session_per_app_key_in_a_process() {
    try (KisStream stream = client.openStream(listener)) {
      assertThat(stream).isNotNull();
      assertThatThrownBy(() -> client.openStream(listener))
          .isInstanceOf(KisException.class)
          .hasMessageContaining("already open");
    }
    try (KisStream again = client.openStream(listener)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void pingpong_frames_are_echoed_and_the_session_stays_up() throws Exception {
    try (KisStream stream = client.openStream(listener)) {
      stream.subscribe(StreamChannel.TRADES, samsung).get(10, TimeUnit.SECONDS);
      await(
          "two echoed PINGPONGs",
          () -> sim.simulator.pingEchoes(KisCredentials.SIMULATOR.appKey()) >= 2);
      assertThat(stream.connected()).isTrue();
      assertThat(problems).isEmpty();
      assertThat(events)
          .extracting(ConnectionEvent::type)
          .containsExactly(ConnectionEvent.Type.CONNECTED);
    }
  }
}
