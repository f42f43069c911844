package io.krxtrader.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;

/**
 * KIS's real-time record layouts (REFERENCE.md §6.5), written from the market state: H0STCNT0 (46
 * fields) and H0STASP0 (59 fields, with KIS's continuous-session quirk: expected price 0, expected
 * change minus the base price, sign 5, rate -100.00).
 */
final class WireRecords {

  /** KIS's time of day, {@code HHMMSS}. */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  /** PINGPONG's and Naver's timestamp, {@code yyyyMMddHHmmss}. */
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private WireRecords() {}

  static String trade(SymbolMarket m, SymbolMarket.Trade t) {
    String[] f = new String[46];
    f[0] = m.stock.symbol().code();
    f[1] = t.time().format(TIME);
    f[2] = s(t.price());
    f[3] = m.sign();
    f[4] = s(m.change());
    f[5] = m.changeRate();
    f[6] = m.averagePrice();
    f[7] = s(m.open);
    f[8] = s(m.high);
    f[9] = s(m.low);
    f[10] = s(m.bestAsk());
    f[11] = s(m.bestBid());
    f[12] = s(t.volume());
    f[13] = s(m.volume);
    f[14] = s(m.value);
    f[15] = s(m.sellCount);
    f[16] = s(m.buyCount);
    f[17] = s(m.buyCount - m.sellCount);
    f[18] =
        m.sellVolume == 0
            ? "0.00"
            : BigDecimal.valueOf(m.buyVolume * 100)
                .divide(BigDecimal.valueOf(m.sellVolume), 2, RoundingMode.HALF_UP)
                .toPlainString();
    f[19] = s(m.sellVolume);
    f[20] = s(m.buyVolume);
    f[21] = t.buyerInitiated() ? "1" : "5";
    f[22] =
        m.volume == 0
            ? "0.00"
            : BigDecimal.valueOf(m.buyVolume * 100)
                .divide(BigDecimal.valueOf(m.volume), 2, RoundingMode.HALF_UP)
                .toPlainString();
    f[23] = "0.00";
    f[24] = m.openTime.format(TIME);
    f[25] = sign(t.price() - m.open);
    f[26] = s(t.price() - m.open);
    f[27] = m.highTime.format(TIME);
    f[28] = sign(t.price() - m.high);
    f[29] = s(t.price() - m.high);
    f[30] = m.lowTime.format(TIME);
    f[31] = sign(t.price() - m.low);
    f[32] = s(t.price() - m.low);
    f[33] = m.day.format(DATE);
    f[34] = "20";
    f[35] = "N";
    f[36] = s(m.askSizes[0]);
    f[37] = s(m.bidSizes[0]);
    f[38] = s(m.totalAsk());
    f[39] = s(m.totalBid());
    f[40] = "0.00";
    f[41] = "0";
    f[42] = "0.00";
    f[43] = "0";
    f[44] = "";
    f[45] = s(m.previousClose);
    return String.join("^", f);
  }

  static String book(SymbolMarket m) {
    String[] f = new String[59];
    f[0] = m.stock.symbol().code();
    f[1] = m.bookTime.format(TIME);
    f[2] = m.auction ? (m.bookTime.isBefore(java.time.LocalTime.NOON) ? "B" : "A") : "0";
    for (int i = 0; i < SymbolMarket.LEVELS; i++) {
      f[3 + i] = s(m.askPrices[i]);
      f[13 + i] = s(m.bidPrices[i]);
      f[23 + i] = s(Math.max(0, m.askSizes[i] - m.askTaken[i]));
      f[33 + i] = s(Math.max(0, m.bidSizes[i] - m.bidTaken[i]));
    }
    f[43] = s(m.totalAsk());
    f[44] = s(m.totalBid());
    f[45] = "0";
    f[46] = "0";
    if (m.auction) {
      long change = m.expectedPrice - m.previousClose;
      f[47] = s(m.expectedPrice);
      f[48] = s(m.expectedQuantity);
      f[49] = s(m.expectedQuantity);
      f[50] = s(change);
      f[51] = sign(change);
      f[52] =
          BigDecimal.valueOf(change * 100)
              .divide(BigDecimal.valueOf(m.previousClose), 2, RoundingMode.HALF_UP)
              .toPlainString();
    } else {
      f[47] = "0";
      f[48] = "0";
      f[49] = "0";
      f[50] = s(-m.previousClose);
      f[51] = "5";
      f[52] = "-100.00";
    }
    f[53] = s(m.volume);
    f[54] = "0";
    f[55] = "0";
    f[56] = "0";
    f[57] = "0";
    f[58] = "0";
    return String.join("^", f);
  }

  private static String s(long value) {
    return Long.toString(value);
  }

  private static String sign(long change) {
    return change > 0 ? "2" : change < 0 ? "5" : "3";
  }
}
