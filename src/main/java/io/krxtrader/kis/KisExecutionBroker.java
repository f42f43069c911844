package io.krxtrader.kis;

import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.PriceType;
import io.krxtrader.trade.execution.Broker;
import io.krxtrader.trade.execution.BrokerOrder;
import io.krxtrader.trade.execution.BrokerUnavailableException;
import io.krxtrader.trade.execution.FillNotice;
import io.krxtrader.trade.execution.OrderToSend;
import io.krxtrader.trade.execution.Placement;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Execution's {@link Broker} port over {@link KisTrading} and {@link KisQuotations}. An order call
 * that fails in any way (timeout, cut connection, an unreadable answer, an HTTP error) is {@link
 * Placement.Ambiguous}, never a rejection: KIS may have taken the order. Only an HTTP 200 answer
 * with {@code rt_cd != 0} is {@link Placement.Rejected}.
 */
public final class KisExecutionBroker implements Broker {

  private final KisClient client;

  public KisExecutionBroker(KisClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Placement place(OrderToSend order) {
    OrderRequest request =
        order.priceType() == PriceType.MKT
            ? OrderRequest.market(order.side(), order.symbol(), order.quantity())
            : OrderRequest.limit(order.side(), order.symbol(), order.quantity(), order.price());
    try {
      return placement(client.trading().place(request));
    } catch (RuntimeException e) {
      return new Placement.Ambiguous(e.getMessage());
    }
  }

  @Override
  public java.time.Duration longestCall() {
    return client.longestCall();
  }

  @Override
  public Placement cancel(String orderId, String branch) {
    try {
      return placement(client.trading().cancel(new OrderNumber(orderId), branch, 0));
    } catch (RuntimeException e) {
      return new Placement.Ambiguous(e.getMessage());
    }
  }

  private static Placement placement(OrderResult result) {
    return switch (result) {
      case OrderResult.Accepted a ->
          new Placement.Accepted(a.orderNumber().value(), a.branch(), a.time(), a.msgCd(), a.raw());
      case OrderResult.Rejected r -> new Placement.Rejected(r.error().msgCd(), r.error().message());
    };
  }

  @Override
  public List<BrokerOrder> dayOrders(LocalDate day) {
    return ask(
        "daily orders",
        () ->
            client.trading().dailyOrders(day, day).stream()
                .map(KisExecutionBroker::order)
                .toList());
  }

  private static BrokerOrder order(OrderRecord r) {
    Optional<PriceType> type =
        switch (r.orderTypeCode()) {
          case "00" -> Optional.of(PriceType.LMT);
          case "01" -> Optional.of(PriceType.MKT);
          default -> Optional.empty();
        };
    boolean change = r.originalOrderNumber().map(o -> !o.sameAs(r.orderNumber())).orElse(false);
    return new BrokerOrder(
        r.orderNumber().value(),
        r.branch(),
        r.symbol(),
        r.side(),
        type,
        r.quantity(),
        r.price(),
        r.date().atTime(r.time()).atZone(TradingCalendar.KST).toInstant(),
        r.filledQuantity(),
        r.averageFillPrice(),
        r.filledAmount(),
        r.remainingQuantity(),
        change);
  }

  @Override
  public List<BrokerHolding> holdings() {
    return ask("balance", () -> client.trading().balance()).holdings().stream()
        .map(
            h ->
                new BrokerHolding(
                    h.symbol(),
                    h.quantity(),
                    h.orderableQuantity(),
                    h.averagePrice(),
                    h.currentPrice(),
                    h.profitLoss(),
                    h.profitLossRate(),
                    "{\"pdno\":\""
                        + h.symbol().code()
                        + "\",\"hldg_qty\":"
                        + h.quantity()
                        + ",\"ord_psbl_qty\":"
                        + h.orderableQuantity()
                        + ",\"pchs_avg_pric\":"
                        + h.averagePrice().toPlainString()
                        + ",\"pchs_amt\":"
                        + h.purchaseAmount()
                        + ",\"prpr\":"
                        + h.currentPrice()
                        + ",\"evlu_amt\":"
                        + h.valuation()
                        + ",\"evlu_pfls_amt\":"
                        + h.profitLoss()
                        + ",\"evlu_pfls_rt\":"
                        + h.profitLossRate().toPlainString()
                        + ",\"thdt_buyqty\":"
                        + h.boughtToday()
                        + ",\"thdt_sll_qty\":"
                        + h.soldToday()
                        + "}"))
        .toList();
  }

  @Override
  public DayQuote quote(Symbol symbol) {
    CurrentPrice price = ask("current price", () -> client.quotations().currentPrice(symbol));
    return new DayQuote(
        symbol,
        new PriceLimits(price.basePrice(), price.lowerLimit(), price.upperLimit()),
        price.halted());
  }

  @Override
  public long sellableQuantity(Symbol symbol) {
    return ask("sellable quantity", () -> client.trading().sellableQuantity(symbol));
  }

  @Override
  public long buyableQuantity(Symbol symbol, long price, PriceType priceType) {
    return ask(
            "buying power",
            () ->
                client
                    .trading()
                    .buyingPower(
                        symbol,
                        price,
                        priceType == PriceType.MKT ? OrderType.MARKET : OrderType.LIMIT))
        .maxQuantity();
  }

  /**
   * The fill an execution notice reports, in trade's terms; empty for an acceptance, revise, cancel
   * or refusal notice (the day's orders report what became of those). {@code day} is the KST
   * trading day the notice's HHMMSS belongs to.
   */
  public static Optional<FillNotice> fill(ExecutionNotice notice, LocalDate day) {
    if (!notice.fill() || notice.rejected() || notice.quantity() <= 0 || notice.price() <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new FillNotice(
            notice.orderNumber().value(),
            notice.symbol(),
            notice.side(),
            notice.quantity(),
            notice.price(),
            day.atTime(notice.time()).atZone(TradingCalendar.KST).toInstant()));
  }

  private static <T> T ask(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new BrokerUnavailableException(what + " inquiry failed: " + e.getMessage(), e);
    }
  }
}
