/**
 * The market-data observer: JSONL files of the collectors (Track A swing snapshots, Track B scalp
 * ticks, the gap ledger) loaded into PostgreSQL exactly once, 1-minute bars with coverage, the
 * query API, the data-quality checks and a sample-data generator. {@link
 * io.krxtrader.observer.Observer} is the entry point. Writes {@code observer.*}: {@code
 * scalp_ticks}, {@code scalp_1m_bars}, {@code scalp_gaps}, {@code swing_bars_10m} and the ingest
 * ledger {@code ingest_files}.
 */
package io.krxtrader.observer;
