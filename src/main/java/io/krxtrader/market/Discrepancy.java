package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code market.discrepancies}: a Naver price and a KIS price of one symbol, close in
 * time, that differ.
 *
 * @param ts the later of the two prices' times
 * @param diffPct |kis − naver| / kis × 100 (a ratio, so a double)
 */
public record Discrepancy(
    Symbol symbol,
    Instant ts,
    long kisPrice,
    long naverPrice,
    double diffPct,
    PriceSource kisSource,
    Severity severity) {

  /**
   * Compares a KIS price with a Naver price. Empty when the difference is below the recording
   * threshold. Thresholds are compared in exact integer arithmetic, so 2.00 % is HIGH, never a
   * rounding error below it.
   */
  static Optional<Discrepancy> compare(
      PriceEvent kis, PriceEvent naver, MarketConfig.Discrepancies rules) {
    long kisPrice = kis.lastPrice();
    long diff = Math.abs(kisPrice - naver.lastPrice());
    // diff / kis >= bp / 10_000  <=>  diff * 10_000 >= bp * kis (no overflow below 9e14 KRW)
    long scaled = Math.multiplyExact(diff, 10_000L);
    if (scaled < (long) rules.recordFromBp() * kisPrice) {
      return Optional.empty();
    }
    Severity severity =
        scaled >= (long) rules.highFromBp() * kisPrice
            ? Severity.HIGH
            : scaled >= (long) rules.mediumFromBp() * kisPrice ? Severity.MEDIUM : Severity.LOW;
    Instant ts = kis.ts().isAfter(naver.ts()) ? kis.ts() : naver.ts();
    return Optional.of(
        new Discrepancy(
            kis.symbol(),
            ts,
            kisPrice,
            naver.lastPrice(),
            diff * 100.0 / kisPrice,
            kis.source(),
            severity));
  }
}
