package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.time.LocalDate;

/** One trading day ({@code inquire-daily-itemchartprice}). */
public record DailyBar(
    Symbol symbol,
    LocalDate date,
    long open,
    long high,
    long low,
    long close,
    long volume,
    long tradedValue) {}
