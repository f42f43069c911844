package io.krxtrader.sim;

import io.krxtrader.kis.OrderNumber;
import io.krxtrader.kis.OrderType;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.SessionPhase;
import io.krxtrader.krx.TickSize;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated broker and exchange matching for our own orders. It validates an order like KIS and
 * KRX do (symbol, tick grid, ±30 % limits, the session window of each ORD_DVSN, lot of 1, buying
 * power, holdings), then matches it against the simulated book: marketable orders walk the 10
 * levels (partial fills when the book is thin), the rest wait and fill when the book crosses them;
 * auction orders fill at the opening or closing print. The simulated book is exogenous: our fills
 * consume its levels only until the next step. Every acceptance and fill produces an execution
 * notice. All methods run under the market lock.
 */
final class SimBroker implements MarketModel.StepHook {

  /** Receives execution notices (26 fields, plain text) for an account. */
  interface NoticeSink {
    void notice(SimAccount account, String payload);
  }

  private final MarketModel market;
  private final boolean paper;
  private final Map<String, SimAccount> accountsByKey = new LinkedHashMap<>();
  private final List<SimOrder> open = new ArrayList<>();
  private final Map<SimOrder, SimAccount> owners = new LinkedHashMap<>();
  private final List<NoticeSink> sinks = new ArrayList<>();
  private long nextNumber;

  SimBroker(MarketModel market, boolean paper) {
    this.market = market;
    this.paper = paper;
    this.nextNumber = paper ? 10_001 : 1_569_001;
  }

  void addSink(NoticeSink sink) {
    sinks.add(sink);
  }

  SimAccount register(SimAccountSpec spec) {
    SimAccount account = new SimAccount(spec);
    accountsByKey.put(spec.appKey(), account);
    return account;
  }

  Optional<SimAccount> byAppKey(String appKey) {
    return Optional.ofNullable(accountsByKey.get(appKey));
  }

  String branch() {
    return paper ? "00950" : "06010";
  }

  private String number() {
    long n = nextNumber++;
    return paper ? Long.toString(n) : String.format("%010d", n);
  }

  private LocalTime now() {
    return SymbolMarket.kstTime(market.clock().instant());
  }

  private LocalDate today() {
    return market.day();
  }

  BrokerAnswer place(
      SimAccount account,
      OrderSide side,
      String code,
      String dvsn,
      String qtyText,
      String priceText) {
    Optional<SymbolMarket> found = market.find(code);
    if (found.isEmpty()) {
      return paper
          ? BrokerAnswer.rejected("40070000", "모의투자 주문처리가 안되었습니다(매매불가 종목)")
          : BrokerAnswer.rejected("APBK0656", "해당 종목정보가 없습니다.");
    }
    SymbolMarket symbol = found.get();
    OrderType type;
    try {
      type = OrderType.fromCode(dvsn);
    } catch (IllegalArgumentException e) {
      return BrokerAnswer.invalid("ORD_DVSN");
    }
    long quantity = number(qtyText);
    long price = number(priceText);
    if (quantity <= 0) {
      return BrokerAnswer.invalid("ORD_QTY");
    }
    if (price < 0) {
      return BrokerAnswer.invalid("ORD_UNPR");
    }
    if (!inWindow(type)) {
      return BrokerAnswer.rejected("APBK0919", paper ? "모의투자 장운영시간이 아닙니다." : "장운영시간이 아닙니다.");
    }
    if (type.priced()) {
      if (!TickSize.isOnGrid(price)) {
        return BrokerAnswer.rejected(
            "SIMR0001", "호가단위가 맞지 않습니다. (tick size " + TickSize.of(price) + ")");
      }
      if (!symbol.limits.contains(price)) {
        return BrokerAnswer.rejected("SIMR0002", "주문가격이 상하한가를 벗어났습니다.");
      }
      if (type == OrderType.AFTER_HOURS_SINGLE_PRICE
          && Math.abs(price - symbol.last) * 10 > symbol.last) {
        return BrokerAnswer.rejected("SIMR0003", "시간외단일가 주문가격은 종가 ±10% 이내여야 합니다.");
      }
    } else {
      price = 0;
    }
    long reserve = 0;
    if (side == OrderSide.BUY) {
      reserve = Fees.withCommission(quantity * (price > 0 ? price : symbol.limits.upper()));
      if (reserve > account.orderableCash()) {
        return BrokerAnswer.rejected("APBK0952", "주문가능금액을 초과 했습니다");
      }
    } else if (account.sellable(symbol.stock.symbol()) < quantity) {
      return paper
          ? BrokerAnswer.rejected("40240000", "모의투자 잔고내역이 없습니다.")
          : BrokerAnswer.rejected("APBK0400", "주문가능수량을 초과하였습니다.");
    }
    SimOrder order =
        new SimOrder(
            number(),
            "",
            branch(),
            today(),
            now(),
            side,
            symbol.stock.symbol(),
            symbol.stock.name(),
            type,
            quantity,
            price,
            "0");
    order.reservedCash = reserve;
    account.orders.add(order);
    notice(account, order, "1", order.quantity, order.price, "1", false);
    admit(account, order, symbol);
    return BrokerAnswer.accepted(
        order,
        paper ? "40600000" : "APBK0013",
        paper
            ? (side == OrderSide.BUY ? "모의투자 매수주문이 완료 되었습니다." : "모의투자 매도주문이 완료 되었습니다.")
            : "주문 전송 완료 되었습니다.");
  }

  /** Revise ({@code kind} 01) or cancel (02) an open order. */
  BrokerAnswer change(
      SimAccount account,
      String originalNumber,
      String kind,
      String dvsn,
      String qtyText,
      String priceText,
      boolean all) {
    SimOrder original = null;
    OrderNumber wanted = orderNumber(originalNumber);
    for (SimOrder order : account.orders) {
      if (wanted != null && wanted.sameAs(new OrderNumber(order.number))) {
        original = order;
      }
    }
    if (original == null || original.open() <= 0) {
      return paper
          ? BrokerAnswer.rejected("40330000", "모의투자 정정/취소할 수량이 없습니다.")
          : BrokerAnswer.rejected("SIMR0004", "정정/취소할 수량이 없습니다.");
    }
    long quantity = all ? original.open() : number(qtyText);
    if (quantity <= 0 || quantity > original.open()) {
      return paper
          ? BrokerAnswer.rejected("40330000", "모의투자 정정/취소할 수량이 없습니다.")
          : BrokerAnswer.rejected("SIMR0004", "정정/취소할 수량이 없습니다.");
    }
    SymbolMarket symbol = market.find(original.symbol).orElseThrow();
    if (kind.equals("02")) {
      SimOrder row = takeFrom(original, symbol, quantity, original.type, original.price, "2");
      account.orders.add(row);
      notice(account, row, "2", quantity, original.price, "1", false);
      return BrokerAnswer.accepted(
          row, paper ? "40640000" : "APBK0013", paper ? "모의투자 취소주문이 완료 되었습니다." : "주문 전송 완료 되었습니다.");
    }
    OrderType type;
    try {
      type = OrderType.fromCode(dvsn);
    } catch (IllegalArgumentException e) {
      return BrokerAnswer.invalid("ORD_DVSN");
    }
    long price = type.priced() ? number(priceText) : 0;
    if (type.priced() && (!TickSize.isOnGrid(price) || !symbol.limits.contains(price))) {
      return BrokerAnswer.rejected("SIMR0001", "정정가격이 호가단위 또는 상하한가에 맞지 않습니다.");
    }
    if (!inWindow(type)) {
      return BrokerAnswer.rejected("APBK0919", paper ? "모의투자 장운영시간이 아닙니다." : "장운영시간이 아닙니다.");
    }
    long reserve = 0;
    if (original.side == OrderSide.BUY) {
      reserve = Fees.withCommission(quantity * (price > 0 ? price : symbol.limits.upper()));
      long freed = original.reservedCash * quantity / Math.max(1, original.open());
      if (reserve - freed > account.orderableCash()) {
        return BrokerAnswer.rejected("APBK0952", "주문가능금액을 초과 했습니다");
      }
    }
    SimOrder row = takeFrom(original, symbol, quantity, type, price, "1");
    row.reservedCash = reserve;
    account.orders.add(row);
    notice(account, row, "1", quantity, price, "1", false);
    admit(account, row, symbol);
    return BrokerAnswer.accepted(
        row, paper ? "40620000" : "APBK0013", paper ? "모의투자 정정주문이 완료 되었습니다." : "주문 전송 완료 되었습니다.");
  }

  /**
   * Takes {@code quantity} off an open order and returns the revise ({@code "1"}) or cancel ({@code
   * "2"}) order row that now holds it.
   */
  private SimOrder takeFrom(
      SimOrder original,
      SymbolMarket symbol,
      long quantity,
      OrderType type,
      long price,
      String reviseOrCancel) {
    original.cancelled += quantity;
    rescaleReserve(original, symbol);
    if (original.open() == 0) {
      open.remove(original);
    }
    return new SimOrder(
        number(),
        original.number,
        branch(),
        today(),
        now(),
        original.side,
        original.symbol,
        original.name,
        type,
        quantity,
        price,
        reviseOrCancel);
  }

  private boolean inWindow(OrderType type) {
    SessionPhase phase = market.phase();
    LocalTime time = now();
    return switch (type) {
      case LIMIT, MARKET, CONDITIONAL_LIMIT ->
          phase == SessionPhase.PRE_OPEN_AUCTION
              || phase == SessionPhase.CONTINUOUS
              || phase == SessionPhase.CLOSING_AUCTION;
      case PRE_MARKET_CLOSING_PRICE ->
          phase == SessionPhase.PRE_OPEN_AUCTION && time.isBefore(LocalTime.of(8, 40));
      case POST_MARKET_CLOSING_PRICE ->
          phase == SessionPhase.AFTER_HOURS
              && !time.isBefore(LocalTime.of(15, 40))
              && time.isBefore(LocalTime.of(16, 0));
      case AFTER_HOURS_SINGLE_PRICE ->
          phase == SessionPhase.AFTER_HOURS && !time.isBefore(LocalTime.of(16, 0));
      default -> phase == SessionPhase.CONTINUOUS;
    };
  }

  /** Decides what happens to a freshly accepted (or revised) order. */
  private void admit(SimAccount account, SimOrder order, SymbolMarket symbol) {
    switch (order.type) {
      case PRE_MARKET_CLOSING_PRICE -> {
        fill(account, order, symbol.previousClose, order.open());
        return;
      }
      case POST_MARKET_CLOSING_PRICE -> {
        fill(account, order, symbol.last, order.open());
        return;
      }
      case AFTER_HOURS_SINGLE_PRICE -> {
        boolean crosses =
            order.side == OrderSide.BUY ? order.price >= symbol.last : order.price <= symbol.last;
        if (crosses) {
          fill(account, order, symbol.last, order.open());
          return;
        }
      }
      default -> {}
    }
    if (symbol.auction) {
      rest(account, order);
      return;
    }
    if (order.type == OrderType.BEST_LIMIT
        || order.type == OrderType.IOC_BEST
        || order.type == OrderType.FOK_BEST) {
      long best = order.side == OrderSide.BUY ? symbol.bestAsk() : symbol.bestBid();
      order.price =
          best > 0
              ? best
              : (order.side == OrderSide.BUY ? symbol.limits.upper() : symbol.limits.lower());
    } else if (order.type == OrderType.PRIORITY_LIMIT) {
      long best = order.side == OrderSide.BUY ? symbol.bestBid() : symbol.bestAsk();
      order.price = best > 0 ? best : symbol.last;
    }
    if (order.type.fillOrKill() && available(order, symbol) < order.open()) {
      order.cancelled += order.open();
      notice(account, order, "0", order.quantity, order.price, "3", false);
      return;
    }
    sweep(account, order, symbol);
    if (order.open() > 0) {
      if (order.type.immediateOrCancel() || order.type.fillOrKill()) {
        order.cancelled += order.open();
        notice(account, order, "0", order.quantity, order.price, "3", false);
      } else {
        rest(account, order);
      }
    }
  }

  private void rest(SimAccount account, SimOrder order) {
    open.add(order);
    owners.put(order, account);
  }

  private long available(SimOrder order, SymbolMarket symbol) {
    long total = 0;
    for (int i = 0; i < SymbolMarket.LEVELS; i++) {
      long price = order.side == OrderSide.BUY ? symbol.askPrices[i] : symbol.bidPrices[i];
      if (price == 0 || !acceptable(order, price)) {
        break;
      }
      total +=
          order.side == OrderSide.BUY
              ? symbol.askSizes[i] - symbol.askTaken[i]
              : symbol.bidSizes[i] - symbol.bidTaken[i];
    }
    return total;
  }

  private static boolean acceptable(SimOrder order, long price) {
    if (order.price == 0) {
      return true;
    }
    return order.side == OrderSide.BUY ? price <= order.price : price >= order.price;
  }

  /** Takes what the book offers at acceptable prices, best level first. */
  private void sweep(SimAccount account, SimOrder order, SymbolMarket symbol) {
    for (int i = 0; i < SymbolMarket.LEVELS && order.open() > 0; i++) {
      boolean buy = order.side == OrderSide.BUY;
      long price = buy ? symbol.askPrices[i] : symbol.bidPrices[i];
      if (price == 0 || !acceptable(order, price)) {
        break;
      }
      long left =
          buy ? symbol.askSizes[i] - symbol.askTaken[i] : symbol.bidSizes[i] - symbol.bidTaken[i];
      long take = Math.min(order.open(), Math.max(0, left));
      if (take > 0) {
        if (buy) {
          symbol.askTaken[i] += take;
        } else {
          symbol.bidTaken[i] += take;
        }
        fill(account, order, price, take);
      }
    }
  }

  @Override
  public void afterStep(SymbolMarket symbol, Instant at, boolean auctionPrint) {
    if (open.isEmpty()) {
      return;
    }
    for (SimOrder order : new ArrayList<>(open)) {
      if (!order.symbol.equals(symbol.stock.symbol()) || order.open() <= 0) {
        continue;
      }
      SimAccount account = owners.get(order);
      if (auctionPrint) {
        if (acceptable(order, symbol.last)) {
          fill(account, order, symbol.last, order.open());
        }
      } else if (!symbol.auction) {
        sweep(account, order, symbol);
      }
      if (order.open() <= 0) {
        open.remove(order);
        owners.remove(order);
      }
    }
  }

  /**
   * Changes an account's holdings and cash without an order (a trade elsewhere): a buy of {@code
   * quantity} (&gt; 0) or a sale (&lt; 0, capped at the holding), fees and the sell tax as usual.
   */
  void offBook(SimAccount account, io.krxtrader.krx.Symbol symbol, long quantity, long price) {
    SymbolMarket found =
        market
            .find(symbol)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown symbol [symbol=" + symbol + "]"));
    SimAccount.Position position =
        account.positions.computeIfAbsent(symbol, s -> new SimAccount.Position());
    position.name = found.stock.name();
    long shares = quantity > 0 ? quantity : Math.min(-quantity, position.quantity);
    long amount = price * shares;
    account.fees += Fees.commission(amount);
    if (quantity > 0) {
      account.buyAmount += amount;
      position.quantity += shares;
      position.cost += amount;
      position.boughtToday += shares;
    } else if (shares > 0) {
      account.sellAmount += amount;
      account.taxes += Fees.sellTax(amount, today());
      position.cost -= position.cost * shares / position.quantity;
      position.quantity -= shares;
      position.soldToday += shares;
    }
  }

  @Override
  public void onNewDay(LocalDate day) {
    open.clear();
    owners.clear();
    accountsByKey.values().forEach(SimAccount::newDay);
  }

  private void fill(SimAccount account, SimOrder order, long price, long quantity) {
    long amount = price * quantity;
    long commission = Fees.commission(amount);
    order.filled += quantity;
    order.filledAmount += amount;
    SimAccount.Position position =
        account.positions.computeIfAbsent(order.symbol, s -> new SimAccount.Position());
    position.name = order.name;
    account.fees += commission;
    if (order.side == OrderSide.BUY) {
      account.buyAmount += amount;
      position.quantity += quantity;
      position.cost += amount;
      position.boughtToday += quantity;
      SymbolMarket symbol = market.find(order.symbol).orElseThrow();
      rescaleReserve(order, symbol);
    } else {
      account.sellAmount += amount;
      account.taxes += Fees.sellTax(amount, today());
      position.cost -= position.quantity == 0 ? 0 : position.cost * quantity / position.quantity;
      position.quantity -= quantity;
      position.soldToday += quantity;
    }
    notice(account, order, order.change, quantity, price, "2", true);
  }

  private static void rescaleReserve(SimOrder order, SymbolMarket symbol) {
    if (order.side == OrderSide.BUY) {
      order.reservedCash =
          order.open() <= 0
              ? 0
              : Fees.withCommission(
                  order.open() * (order.price > 0 ? order.price : symbol.limits.upper()));
    }
  }

  private void notice(
      SimAccount account,
      SimOrder order,
      String change,
      long quantity,
      long price,
      String acceptance,
      boolean fill) {
    String[] f = new String[26];
    f[0] = account.spec.htsId();
    f[1] = account.spec.account().tenDigits();
    f[2] = order.number;
    f[3] = order.original;
    f[4] = order.side.code();
    f[5] = change;
    f[6] = order.type.code();
    f[7] = order.type.immediateOrCancel() ? "1" : order.type.fillOrKill() ? "2" : "0";
    f[8] = order.symbol.code();
    f[9] = String.format("%010d", quantity);
    f[10] = String.format("%09d", price);
    f[11] = now().format(WireRecords.TIME);
    f[12] = "0";
    f[13] = fill ? "2" : "1";
    f[14] = acceptance;
    f[15] = order.branch;
    f[16] = String.format("%09d", order.quantity);
    f[17] = "시뮬레이터";
    f[18] = "0";
    f[19] = "1";
    f[20] = "N";
    f[21] = "";
    f[22] = "10";
    f[23] = "";
    f[24] = order.name;
    f[25] = String.format("%09d", order.price);
    String payload = String.join("^", f);
    sinks.forEach(s -> s.notice(account, payload));
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException | NullPointerException e) {
      return -1;
    }
  }

  /** The request's order number, or null when it is not one (then no order matches). */
  private static OrderNumber orderNumber(String text) {
    try {
      return new OrderNumber(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
