package io.krxtrader.kis;

import java.time.Instant;

/** One H0STASP0 book update, with our clock's time of arrival. */
public record QuoteTick(Instant receivedAt, Orderbook book) {}
