package io.krxtrader.observer.jsonl;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One Track A record (a line of {@code swing/*.jsonl}): a REST snapshot of a symbol at a poll. Like
 * KIS's current-price answer, open/high/low are the day's so far, close is the last price and
 * volume the day's cumulative volume. Prices are whole KRW.
 */
public record SwingRecord(
    Instant ts,
    String sessionId,
    Symbol symbol,
    long open,
    long high,
    long low,
    long close,
    long volume,
    OptionalLong bid,
    OptionalLong ask) {}
