package io.krxtrader.sim;

import io.krxtrader.krx.Symbol;
import java.time.Instant;

/**
 * One recorded market observation for replay: the last trade price, the best bid and ask with
 * sizes, and the volume traded since the previous observation of the symbol (0: a quote change).
 */
public record RecordedTick(
    Instant eventTime,
    Symbol symbol,
    long last,
    long bid,
    long ask,
    long bidSize,
    long askSize,
    long volume) {

  public RecordedTick {
    if (last <= 0 || bid < 0 || ask < 0 || bidSize < 0 || askSize < 0 || volume < 0) {
      throw new IllegalArgumentException(
          "a recorded tick needs a positive price and no negative sizes");
    }
  }
}
