package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One minute of today ({@code inquire-time-itemchartprice}); {@code time} is the minute's KST label
 * as KIS gives it. KIS quirk: the newest row's volume may still show the previous minute's.
 */
public record MinuteBar(
    Symbol symbol,
    LocalDate date,
    LocalTime time,
    long open,
    long high,
    long low,
    long close,
    long volume) {}
