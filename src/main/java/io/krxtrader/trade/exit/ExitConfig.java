package io.krxtrader.trade.exit;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

/**
 * The exit rules' thresholds (keys {@code exit.*}). Every default is the spec's
 * (../shared/spec/03-trading.md, "Exit engine") and {@code ExitConfigTest} pins it. Percentages are
 * of the average price ({@code pnl_pct}) unless the name says otherwise.
 *
 * @param sl1PnlPct HARD_STOP stage 1 fires at a pnl at or below this (−2.0)
 * @param sl1SellPct stage 1 sells this share of the current quantity (50)
 * @param sl2PnlPct HARD_STOP stage 2 sells all at a pnl at or below this (−3.5)
 * @param gapOpenPctOfClose GAP_DOWN: the session's first price is at most this share of the
 *     previous close (97)
 * @param gapPnlPct GAP_DOWN also needs a pnl at or below this (−2.0)
 * @param tp1PnlPct SCALE_OUT targets (+5, +10, +15); TP1 and TP2 sell a third of the entry quantity
 *     each, TP3 all that is left
 * @param breakEvenMarkupPct after TP1 the stop floor rises to avg_price × (1 + this / 100) (0.3:
 *     fees and tax)
 * @param trailAtrMultiple ATR_TRAIL: trail stop = HWM − this × ATR (2.0)
 * @param atrPeriod the ATR's period in daily bars, Wilder's smoothing (14)
 * @param timeExitSessions TIME_EXIT: held at least this many sessions (10)
 * @param timeExitBelowPnlPct TIME_EXIT: with a pnl below this (+5)
 * @param timeExitFrom TIME_EXIT: at or after this KST time (15:00)
 * @param partialCooldown after a partial exit no other partial for this long (60 s)
 * @param takeProfitOrder take-profits as limit orders on the tick grid, or at the market
 * @param minQuality a price below this quality score is not used (50)
 * @param maxPriceAge a best price older than this is stale and not used (5 s, as PriceSync's
 *     staleness)
 * @param skipRecordEvery a skipped evaluation is recorded at most this often per position (1 min)
 * @param quietRecordEvery an unchanged, non-firing evaluation at most this often per position (1
 *     min)
 */
public record ExitConfig(
    BigDecimal sl1PnlPct,
    BigDecimal sl1SellPct,
    BigDecimal sl2PnlPct,
    BigDecimal gapOpenPctOfClose,
    BigDecimal gapPnlPct,
    BigDecimal tp1PnlPct,
    BigDecimal tp2PnlPct,
    BigDecimal tp3PnlPct,
    BigDecimal breakEvenMarkupPct,
    BigDecimal trailAtrMultiple,
    int atrPeriod,
    int timeExitSessions,
    BigDecimal timeExitBelowPnlPct,
    LocalTime timeExitFrom,
    Duration partialCooldown,
    PriceType takeProfitOrder,
    int minQuality,
    Duration maxPriceAge,
    Duration skipRecordEvery,
    Duration quietRecordEvery) {

  public static final String SL1_PNL_PCT = "exit.sl1.pnl-pct";
  public static final String SL1_SELL_PCT = "exit.sl1.sell-pct";
  public static final String SL2_PNL_PCT = "exit.sl2.pnl-pct";
  public static final String GAP_OPEN_PCT_OF_CLOSE = "exit.gap.open-pct-of-close";
  public static final String GAP_PNL_PCT = "exit.gap.pnl-pct";
  public static final String TP1_PNL_PCT = "exit.tp1.pnl-pct";
  public static final String TP2_PNL_PCT = "exit.tp2.pnl-pct";
  public static final String TP3_PNL_PCT = "exit.tp3.pnl-pct";
  public static final String BREAK_EVEN_MARKUP_PCT = "exit.break-even.markup-pct";
  public static final String TRAIL_ATR_MULTIPLE = "exit.trail.atr-multiple";
  public static final String ATR_PERIOD = "exit.atr.period";
  public static final String TIME_SESSIONS = "exit.time.sessions";
  public static final String TIME_BELOW_PNL_PCT = "exit.time.below-pnl-pct";
  public static final String TIME_FROM = "exit.time.from";
  public static final String PARTIAL_COOLDOWN = "exit.partial-cooldown";
  public static final String TAKE_PROFIT_ORDER = "exit.take-profit.order";
  public static final String MIN_QUALITY = "exit.min-quality";
  public static final String MAX_PRICE_AGE = "exit.max-price-age";
  public static final String SKIP_RECORD_EVERY = "exit.record.skip-every";
  public static final String QUIET_RECORD_EVERY = "exit.record.quiet-every";

  /** How take-profits are priced: {@code limit} (on the tick grid) or {@code market}. */
  public enum TakeProfitOrder {
    LIMIT,
    MARKET
  }

  public ExitConfig {
    if (!(tp1PnlPct.signum() > 0
        && tp1PnlPct.compareTo(tp2PnlPct) < 0
        && tp2PnlPct.compareTo(tp3PnlPct) < 0)) {
      throw new ConfigException(
          "take-profit targets must be positive and rise [keys="
              + TP1_PNL_PCT
              + ", "
              + TP2_PNL_PCT
              + ", "
              + TP3_PNL_PCT
              + "]");
    }
    if (!(sl2PnlPct.compareTo(sl1PnlPct) < 0 && sl1PnlPct.signum() < 0)) {
      throw new ConfigException(
          "stop levels must be negative, stage 2 below stage 1 [keys="
              + SL1_PNL_PCT
              + ", "
              + SL2_PNL_PCT
              + "]");
    }
  }

  public static ExitConfig defaults() {
    return from(Settings.of(Map.of()));
  }

  public static ExitConfig from(Settings settings) {
    BigDecimal hundred = BigDecimal.valueOf(100);
    BigDecimal thousand = BigDecimal.valueOf(1000);
    Duration day = Duration.ofDays(1);
    return new ExitConfig(
        settings.decimal(SL1_PNL_PCT, new BigDecimal("-2.0"), hundred.negate(), BigDecimal.ZERO),
        settings.decimal(SL1_SELL_PCT, new BigDecimal("50"), BigDecimal.ONE, hundred),
        settings.decimal(SL2_PNL_PCT, new BigDecimal("-3.5"), hundred.negate(), BigDecimal.ZERO),
        settings.decimal(GAP_OPEN_PCT_OF_CLOSE, new BigDecimal("97"), BigDecimal.ONE, hundred),
        settings.decimal(GAP_PNL_PCT, new BigDecimal("-2.0"), hundred.negate(), BigDecimal.ZERO),
        settings.decimal(TP1_PNL_PCT, new BigDecimal("5"), BigDecimal.ZERO, thousand),
        settings.decimal(TP2_PNL_PCT, new BigDecimal("10"), BigDecimal.ZERO, thousand),
        settings.decimal(TP3_PNL_PCT, new BigDecimal("15"), BigDecimal.ZERO, thousand),
        settings.decimal(
            BREAK_EVEN_MARKUP_PCT, new BigDecimal("0.3"), BigDecimal.ZERO, BigDecimal.TEN),
        settings.decimal(
            TRAIL_ATR_MULTIPLE, new BigDecimal("2.0"), new BigDecimal("0.1"), BigDecimal.TEN),
        settings.integer(ATR_PERIOD, 14, 2, 100),
        settings.integer(TIME_SESSIONS, 10, 1, 1000),
        settings.decimal(TIME_BELOW_PNL_PCT, new BigDecimal("5"), hundred.negate(), thousand),
        settings.time(TIME_FROM, LocalTime.of(15, 0)),
        settings.duration(PARTIAL_COOLDOWN, Duration.ofSeconds(60), Duration.ZERO, day),
        settings.oneOf(TAKE_PROFIT_ORDER, TakeProfitOrder.class, TakeProfitOrder.LIMIT)
                == TakeProfitOrder.LIMIT
            ? PriceType.LMT
            : PriceType.MKT,
        settings.integer(MIN_QUALITY, 50, 0, 100),
        settings.duration(MAX_PRICE_AGE, Duration.ofSeconds(5), Duration.ofMillis(1), day),
        settings.duration(SKIP_RECORD_EVERY, Duration.ofMinutes(1), Duration.ZERO, day),
        settings.duration(QUIET_RECORD_EVERY, Duration.ofMinutes(1), Duration.ZERO, day));
  }
}
