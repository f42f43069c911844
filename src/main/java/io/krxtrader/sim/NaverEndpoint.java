package io.krxtrader.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Naver's current polling endpoint, {@code /api/realtime/domestic/stock/{codes}}: formatted strings
 * ({@code "268,500"}), signed changes, {@code …Raw} numeric twins, ISO-8601 +09:00 trade times.
 * Unknown codes are left out, as Naver leaves out halted and delisted ones.
 */
final class NaverEndpoint implements Function<Request, Reply> {

  private static final String PREFIX = "/api/realtime/domestic/stock/";

  private final MarketModel market;
  private final Faults faults;

  NaverEndpoint(MarketModel market, Faults faults) {
    this.market = market;
    this.faults = faults;
  }

  @Override
  public Reply apply(Request request) {
    Optional<Faults.RestFault> fault = faults.takeNaver();
    if (fault.isPresent()) {
      return new Reply(fault.get().status(), fault.get().body(), "");
    }
    if (!request.path().startsWith(PREFIX)) {
      return new Reply(404, "{\"resultCode\":\"fail\"}", "");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("pollingInterval", 7000);
    ArrayNode datas = body.putArray("datas");
    NumberFormat format = NumberFormat.getIntegerInstance(Locale.US);
    synchronized (market) {
      market.catchUp();
      for (String code : request.path().substring(PREFIX.length()).split(",")) {
        market
            .find(code.strip())
            .ifPresent(
                m -> {
                  ObjectNode item = datas.addObject();
                  item.put("itemCode", m.stock.symbol().code());
                  item.put("stockName", m.stock.name());
                  ObjectNode exchange = item.putObject("stockExchangeType");
                  exchange.put(
                      "code", m.stock.market() == io.krxtrader.krx.Market.KOSPI ? "KS" : "KQ");
                  exchange.put("nameEng", m.stock.market().name());
                  exchange.put("delayTime", 0);
                  item.put("closePrice", format.format(m.last));
                  item.put("compareToPreviousClosePrice", format.format(m.change()));
                  ObjectNode direction = item.putObject("compareToPreviousPrice");
                  String sign = m.sign();
                  direction.put("code", sign);
                  direction.put(
                      "text",
                      switch (sign) {
                        case "1" -> "상한";
                        case "2" -> "상승";
                        case "4" -> "하한";
                        case "5" -> "하락";
                        default -> "보합";
                      });
                  direction.put(
                      "name",
                      switch (sign) {
                        case "1" -> "UPPER_LIMIT";
                        case "2" -> "RISING";
                        case "4" -> "LOWER_LIMIT";
                        case "5" -> "FALLING";
                        default -> "EVEN";
                      });
                  item.put("fluctuationsRatio", m.changeRate());
                  item.put("openPrice", format.format(m.open));
                  item.put("highPrice", format.format(m.high));
                  item.put("lowPrice", format.format(m.low));
                  item.put("accumulatedTradingVolume", format.format(m.volume));
                  item.put("accumulatedTradingValue", format.format(m.value / 1_000_000) + "백만");
                  item.put("marketStatus", market.phase().isRegularSession() ? "OPEN" : "CLOSE");
                  item.put(
                      "localTradedAt",
                      market
                          .clock()
                          .instant()
                          .atZone(io.krxtrader.krx.TradingCalendar.KST)
                          .toOffsetDateTime()
                          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                  item.put("closePriceRaw", m.last);
                  item.put("compareToPreviousClosePriceRaw", m.change());
                  item.put("openPriceRaw", m.open);
                  item.put("highPriceRaw", m.high);
                  item.put("lowPriceRaw", m.low);
                  item.put("accumulatedTradingVolumeRaw", m.volume);
                  item.put("accumulatedTradingValueRaw", m.value);
                });
      }
    }
    body.put(
        "time",
        market
            .clock()
            .instant()
            .atZone(io.krxtrader.krx.TradingCalendar.KST)
            .format(WireRecords.DATE_TIME));
    return Reply.ok(body);
  }
}
