package io.krxtrader.observer;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/** A Track B tick ({@code observer.scalp_ticks}). Prices are KRW; quote fields may be null. */
public record ScalpTick(
    long id,
    Symbol symbol,
    Instant eventTime,
    Instant receiveTime,
    BigDecimal bidPrice,
    BigDecimal askPrice,
    Long bidSize,
    Long askSize,
    BigDecimal lastPrice,
    Long volume,
    String sessionId,
    int mitigationLevel,
    String qualityFlag) {}
