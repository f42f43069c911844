package io.krxtrader.market;

import io.krxtrader.krx.Symbol;

/**
 * A refresh job as a worker claimed it.
 *
 * @param attempts attempts so far, this one included (a claim counts as an attempt)
 */
public record SyncJob(
    SyncJobId id, Symbol symbol, PriceSource source, int priority, int attempts) {}
