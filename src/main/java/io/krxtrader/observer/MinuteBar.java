package io.krxtrader.observer;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;

/** A 1-minute bar with its coverage ({@code observer.scalp_1m_bars}). */
public record MinuteBar(
    Symbol symbol,
    Instant barTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    Long volume,
    double coverageRatio,
    String qualityFlag,
    CoverageGrade coverageGrade,
    int tickCount,
    String sessionId) {}
