package io.krxtrader.observer.jsonl;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One Track B record as a collector writes it (a line of {@code scalp/*.jsonl}): the latest state
 * of a symbol in one 500 ms slot. Prices are whole KRW; {@code volume} is the shares traded in the
 * slot.
 *
 * @param receivedAt when we received the slot's last event ({@code ts})
 * @param eventTime the exchange's time of the slot's last trade ({@code event_time})
 */
public record ScalpRecord(
    Instant receivedAt,
    Instant eventTime,
    Symbol symbol,
    OptionalLong bid,
    OptionalLong ask,
    OptionalLong bidSize,
    OptionalLong askSize,
    long lastPrice,
    long volume,
    String sessionId) {}
