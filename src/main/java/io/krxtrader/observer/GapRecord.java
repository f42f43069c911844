package io.krxtrader.observer;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.Optional;

/** A period without data ({@code observer.scalp_gaps}); a symbol when only that one was silent. */
public record GapRecord(
    long id,
    Instant start,
    Instant end,
    int seconds,
    String scope,
    String reason,
    String sessionId,
    Optional<Symbol> symbol) {}
