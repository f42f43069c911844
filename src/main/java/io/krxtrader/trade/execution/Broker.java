package io.krxtrader.trade.execution;

import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.PriceType;
import java.time.LocalDate;
import java.util.List;

/**
 * What execution needs from the broker, in trade's own types ({@code kis} implements it). {@link
 * #place} never throws for a failed call: a call whose outcome is not known is {@link
 * Placement.Ambiguous}, because the order may stand at the broker all the same. The inquiries throw
 * {@link BrokerUnavailableException} when the broker cannot be asked.
 */
public interface Broker {

  /** Sends one cash order; {@code price} is 0 for a market order. */
  Placement place(OrderToSend order);

  /**
   * The longest one {@link #place} call can last from its start until its last attempt could still
   * reach the broker (every retry the client makes, each with its connect and answer time limits).
   * An empty look at the broker's day decides nothing before a send's start plus this ({@link
   * IntentState.Unknown#settledAt}).
   */
  java.time.Duration longestCall();

  /** Cancels what is still open of an order. */
  Placement cancel(String orderId, String branch);

  /** Every order of {@code day} the broker knows (revise and cancel rows included). */
  List<BrokerOrder> dayOrders(LocalDate day);

  /** The day's price band of {@code symbol} and whether it is halted. */
  DayQuote quote(Symbol symbol);

  /** Shares of {@code symbol} that can be sold now. */
  long sellableQuantity(Symbol symbol);

  /** Shares of {@code symbol} the orderable cash buys at {@code price} (0 for market). */
  long buyableQuantity(Symbol symbol, long price, PriceType priceType);

  /** Every holding of the account (the balance inquiry, all pages). */
  List<BrokerHolding> holdings();

  /**
   * One line of the broker's balance: {@code averagePrice} as the broker states it; {@code raw} the
   * line as JSON text.
   */
  record BrokerHolding(
      Symbol symbol,
      long quantity,
      long sellable,
      java.math.BigDecimal averagePrice,
      long currentPrice,
      long profitLoss,
      java.math.BigDecimal profitLossRate,
      String raw) {}

  /** The day's band and trading state of one symbol. */
  record DayQuote(Symbol symbol, PriceLimits limits, boolean halted) {}
}
