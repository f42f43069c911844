package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One symbol as {@code krx-trader prices} shows it: its best price (if it has one) and its
 * freshness.
 *
 * @param bestTs the best price's time: its age now is {@code now - bestTs}
 * @param qualityScore as of {@code writtenAt}
 */
public record BoardRow(
    Symbol symbol,
    OptionalLong lastPrice,
    Optional<PriceSource> source,
    Optional<Instant> bestTs,
    OptionalInt qualityScore,
    Optional<Instant> writtenAt,
    Optional<Instant> lastWebSocket,
    Optional<Instant> lastRest,
    Optional<Instant> lastNaver,
    boolean stale,
    Optional<String> staleReason) {}
