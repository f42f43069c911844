package io.krxtrader.trade.execution;

import io.krxtrader.krx.SessionPhase;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Halt;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentCancellations;
import io.krxtrader.trade.PriceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * What execution checks before it sends an intent; a failed check DENIES it (nothing sent, the
 * reason recorded). In order: quantity, a cancellation asked for by the intent's creator ({@link
 * IntentCancellations}), the session (a KRX cash order is accepted in the opening auction,
 * continuous trading and the closing auction), the kill switch (entries; sells too after {@code
 * halt --exits-too}), an open holdings mismatch (entries only), the symbol halted, a limit price on
 * the tick grid and inside the day's band, a sell within the sellable holding, a buy within the
 * orderable cash. A check the broker cannot answer throws {@link BrokerUnavailableException} and
 * the intent stays NEW.
 */
public final class PreTradeChecks {

  private final Broker broker;
  private final TradingCalendar calendar;
  private final InstantSource clock;
  private final EntriesHalted halted;

  public PreTradeChecks(
      Broker broker, TradingCalendar calendar, InstantSource clock, EntriesHalted halted) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.halted = Objects.requireNonNull(halted, "halted");
  }

  /** Why {@code intent} must not be sent, or empty when it may. */
  Optional<String> denial(Connection connection, IntentRow intent) throws SQLException {
    if (intent.quantity() <= 0) {
      return Optional.of("quantity must be positive [qty=" + intent.quantity() + "]");
    }
    Optional<IntentCancellations.Request> cancelled =
        IntentCancellations.requested(connection, intent.intentId());
    if (cancelled.isPresent()) {
      return Optional.of("cancelled before it was sent: " + cancelled.get());
    }
    SessionPhase phase = calendar.phaseAt(clock.instant());
    if (phase != SessionPhase.PRE_OPEN_AUCTION
        && phase != SessionPhase.CONTINUOUS
        && phase != SessionPhase.CLOSING_AUCTION) {
      return Optional.of(
          "market not open for a " + intent.priceType() + " order [phase=" + phase + "]");
    }
    if (intent.entry() && halted.halted()) {
      return Optional.of("entries halted (kill switch)");
    }
    if (!intent.entry() && Halt.current(connection).refuses(Halt.Flow.EXIT)) {
      return Optional.of("sells halted too (kill switch with --exits-too)");
    }
    if (intent.entry() && Mismatches.blocksEntries(connection, intent.symbol())) {
      return Optional.of(
          "entries blocked: holdings mismatch open [symbol=" + intent.symbol().code() + "]");
    }
    Broker.DayQuote quote = broker.quote(intent.symbol());
    if (quote.halted()) {
      return Optional.of("symbol halted [symbol=" + intent.symbol().code() + "]");
    }
    if (intent.priceType() == PriceType.LMT) {
      long price = intent.limitPrice();
      if (!TickSize.isOnGrid(price)) {
        return Optional.of(
            "limit price off the tick grid [price=" + price + ", tick=" + TickSize.of(price) + "]");
      }
      if (!quote.limits().contains(price)) {
        return Optional.of(
            "limit price outside the day's band [price="
                + price
                + ", lower="
                + quote.limits().lower()
                + ", upper="
                + quote.limits().upper()
                + "]");
      }
    }
    if (intent.side() == io.krxtrader.krx.OrderSide.SELL) {
      long sellable = broker.sellableQuantity(intent.symbol());
      if (intent.quantity() > sellable) {
        return Optional.of(
            "sell larger than the sellable holding [qty="
                + intent.quantity()
                + ", sellable="
                + sellable
                + "]");
      }
    } else {
      long buyable =
          broker.buyableQuantity(
              intent.symbol(),
              intent.priceType() == PriceType.LMT ? intent.limitPrice() : 0,
              intent.priceType());
      if (intent.quantity() > buyable) {
        return Optional.of(
            "not enough orderable cash [qty=" + intent.quantity() + ", buyable=" + buyable + "]");
      }
    }
    return Optional.empty();
  }
}
