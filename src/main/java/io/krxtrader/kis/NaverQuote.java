package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One symbol from Naver's polling endpoint, the secondary (unofficial, no SLA) price source. {@code
 * change} is signed against the previous close, so {@code previousClose = price - change}. {@code
 * tradedAt} is Naver's {@code localTradedAt}, when present.
 */
public record NaverQuote(
    Symbol symbol,
    String name,
    Instant receivedAt,
    long price,
    long change,
    BigDecimal changeRate,
    long open,
    long high,
    long low,
    long volume,
    long tradedValue,
    String marketStatus,
    Optional<OffsetDateTime> tradedAt) {

  public long previousClose() {
    return price - change;
  }
}
