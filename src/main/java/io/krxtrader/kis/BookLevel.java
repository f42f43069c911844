package io.krxtrader.kis;

/** One price level of an order book: price in KRW, resting quantity in shares. */
public record BookLevel(long price, long quantity) {}
