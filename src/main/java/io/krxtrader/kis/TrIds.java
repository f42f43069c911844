package io.krxtrader.kis;

import io.krxtrader.config.Settings;
import java.util.regex.Pattern;

/**
 * The trading tr_ids, written in their real-account form; the paper form replaces the first letter
 * with {@code V} as KIS's own helper does. Configurable because KIS retires ids "without notice"
 * (TTTC0802U became TTTC0012U in 2024). Quotation ids ({@code FH…}) are the same everywhere and
 * fixed.
 */
public record TrIds(
    String buy,
    String sell,
    String revise,
    String balance,
    String dailyOrders,
    String buyingPower,
    String sellable) {

  public static final String PREFIX = "kis.tr-id.";
  private static final Pattern TR_ID = Pattern.compile("[A-Z0-9]{4,13}");

  public static final TrIds CURRENT =
      new TrIds(
          "TTTC0012U",
          "TTTC0011U",
          "TTTC0013U",
          "TTTC8434R",
          "TTTC0081R",
          "TTTC8908R",
          "TTTC8408R");

  public TrIds {
    for (String id :
        new String[] {buy, sell, revise, balance, dailyOrders, buyingPower, sellable}) {
      if (id == null || !TR_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a tr_id is 4 to 13 upper-case letters or digits");
      }
    }
  }

  public static TrIds from(Settings settings) {
    return new TrIds(
        id(settings, "buy", CURRENT.buy),
        id(settings, "sell", CURRENT.sell),
        id(settings, "revise", CURRENT.revise),
        id(settings, "balance", CURRENT.balance),
        id(settings, "daily-orders", CURRENT.dailyOrders),
        id(settings, "buying-power", CURRENT.buyingPower),
        id(settings, "sellable", CURRENT.sellable));
  }

  private static String id(Settings settings, String name, String fallback) {
    String value = settings.string(PREFIX + name, fallback);
    if (!TR_ID.matcher(value).matches()) {
      throw new io.krxtrader.config.ConfigException(
          "invalid configuration value [key="
              + PREFIX
              + name
              + ", value="
              + value
              + ", expected=a KIS tr_id such as "
              + fallback
              + "]");
    }
    return value;
  }

  /** The id to send: real ids unchanged, paper ids with {@code V} for a T/J/C first letter. */
  public static String forEnvironment(String realId, boolean paper) {
    if (paper && "TJC".indexOf(realId.charAt(0)) >= 0) {
      return "V" + realId.substring(1);
    }
    return realId;
  }
}
