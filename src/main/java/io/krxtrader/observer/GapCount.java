package io.krxtrader.observer;

/** Gaps of one scope in a date range: how many and their total length. */
public record GapCount(String scope, long gaps, long seconds) {}
