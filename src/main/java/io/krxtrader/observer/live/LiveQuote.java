package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;
import java.time.Instant;

/** The best bid and ask of a symbol from the stream; 0 when a side is empty. Whole KRW. */
public record LiveQuote(
    Symbol symbol, Instant receivedAt, long bid, long ask, long bidSize, long askSize) {}
