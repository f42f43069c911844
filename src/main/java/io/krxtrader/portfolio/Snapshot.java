package io.krxtrader.portfolio;

import java.time.Instant;

/** A stored snapshot ({@code portfolio_snapshot} and its {@code portfolio_positions}). */
public record Snapshot(long snapshotId, String policyId, Instant time, Valuation valuation) {}
