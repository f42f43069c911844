package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One KRX trade from H0STCNT0. {@code date}/{@code time} are the exchange's (KST); {@code
 * receivedAt} is our clock when the frame arrived. {@code buyerInitiated} is KIS's CCLD_DVSN 1
 * (buy), false for 5 (sell) and 3 (pre-market). {@code askSize}/{@code bidSize} are the best
 * levels' quantities after the trade.
 */
public record TradeTick(
    Symbol symbol,
    LocalDate date,
    LocalTime time,
    Instant receivedAt,
    long price,
    long change,
    BigDecimal changeRate,
    long open,
    long high,
    long low,
    long ask,
    long bid,
    long volume,
    long accumulatedVolume,
    long accumulatedValue,
    boolean buyerInitiated,
    long askSize,
    long bidSize,
    boolean halted,
    String marketOperationCode) {}
