package io.krxtrader.trade.risk;

import java.time.Instant;

/** The account as of its latest balance: total equity and the cash orderable now, in won. */
public record AccountBalance(long equity, long orderableCash, Instant asOf) {}
