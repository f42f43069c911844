package io.krxtrader.trade.router;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One pick of a producer run, as validated by {@link PickRunParser}. The side is always LONG (the
 * only side the format accepts). {@code metadata} and {@code constraints} are JSON object text,
 * kept as the producer sent them.
 */
public record Pick(
    Symbol symbol,
    BigDecimal score,
    Confidence confidence,
    OptionalInt rank,
    List<String> reasons,
    String metadata,
    String constraints) {

  public Pick {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(rank, "rank");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(constraints, "constraints");
  }
}
