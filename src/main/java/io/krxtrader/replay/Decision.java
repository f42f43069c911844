package io.krxtrader.replay;

import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** One decision a replay (or the live engines) took, in the form the comparison reads. */
public sealed interface Decision {

  /** Its line in a decision list: fixed fields, no locale, no wall-clock time. */
  String line();

  /**
   * An exit rule that fired ({@code trade.exit_signals} with {@code triggered}): at the best
   * price's time, for a position, with the price.
   */
  record Signal(Instant ts, UUID positionId, String rule, long price) implements Decision {
    @Override
    public String line() {
      return "SIGNAL " + ts + " " + positionId + " " + rule + " " + price;
    }
  }

  /** An intent that was stored (its action key was new), with what execution reads of it. */
  record Intent(
      String actionKey, IntentType type, long quantity, PriceType priceType, OptionalLong limit)
      implements Decision {
    @Override
    public String line() {
      return "INTENT " + actionKey + " " + fields();
    }

    /** Type, quantity, price type and limit: what a difference of one key names. */
    String fields() {
      return type
          + " qty="
          + quantity
          + " "
          + priceType
          + (limit.isPresent() ? " limit=" + limit.getAsLong() : "");
    }
  }
}
