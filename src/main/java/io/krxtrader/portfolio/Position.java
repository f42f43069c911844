package io.krxtrader.portfolio;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One symbol of a snapshot: a holding, a target, or both (a target with no holding has quantity 0).
 *
 * @param weightDiff current − target
 */
public record Position(
    Symbol symbol,
    long quantity,
    Optional<BigDecimal> avgPrice,
    Optional<BigDecimal> marketPrice,
    PriceSource priceSource,
    Optional<Instant> priceTs,
    BigDecimal marketValue,
    BigDecimal currentWeight,
    BigDecimal targetWeight,
    BigDecimal weightDiff) {}
