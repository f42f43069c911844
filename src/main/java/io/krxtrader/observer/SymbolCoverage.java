package io.krxtrader.observer;

import io.krxtrader.krx.Symbol;
import java.time.LocalDate;

/**
 * How well one symbol's ticks covered one KST trading day.
 *
 * @param sessionMinutes minutes of the day's regular session (390, or 330 when it opens at 10:00)
 * @param bars minutes with at least one tick
 * @param coverage the day's coverage: the sum of the bars' coverage ratios over the session's
 *     minutes (a silent minute counts 0), at most 1
 */
public record SymbolCoverage(
    Symbol symbol,
    LocalDate day,
    int sessionMinutes,
    long ticks,
    int bars,
    double coverage,
    int gradeA,
    int gradeB,
    int gradeC,
    int gradeD) {}
