package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A current-price snapshot ({@code inquire-price}). Prices are whole KRW; {@code change} is signed
 * against the base price; {@code changeRate} is a signed percentage. {@code receivedAt} is when the
 * answer arrived (KIS does not say when the last trade happened).
 */
public record CurrentPrice(
    Symbol symbol,
    Instant receivedAt,
    long price,
    long change,
    BigDecimal changeRate,
    long open,
    long high,
    long low,
    long volume,
    long tradedValue,
    long basePrice,
    long upperLimit,
    long lowerLimit,
    long tickSize,
    boolean halted) {}
