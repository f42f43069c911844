package io.krxtrader.observer;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A Track A 10-minute snapshot ({@code observer.swing_bars_10m}). Prices are KRW; {@code volume},
 * {@code bidPrice}, {@code askPrice} and {@code snapshotTime} may be null.
 */
public record SwingBar(
    Symbol symbol,
    Instant barTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    Long volume,
    BigDecimal bidPrice,
    BigDecimal askPrice,
    String sessionId,
    Instant snapshotTime) {}
