package io.krxtrader.observer;

import java.time.LocalDate;

/** What {@code observer generate} wrote. */
public record SampleDataReport(
    LocalDate firstDay,
    LocalDate lastDay,
    int days,
    int symbols,
    int files,
    long ticks,
    long swingRecords,
    long gaps,
    long bytes) {}
