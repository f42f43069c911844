package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What a REST snapshot tells Track A: the day's open, high and low so far, the last price, the
 * day's cumulative volume and the best bid and ask. Prices are whole KRW.
 */
public record SwingSnapshot(
    Symbol symbol,
    Instant receivedAt,
    long open,
    long high,
    long low,
    long last,
    long volume,
    OptionalLong bid,
    OptionalLong ask) {}
