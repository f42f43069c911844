/**
 * The collectors' JSONL files: where each file lives ({@link
 * io.krxtrader.observer.jsonl.JsonlLayout}), the records a line holds (swing, scalp, gap), how a
 * record is written ({@link io.krxtrader.observer.jsonl.JsonlRecords}, {@link
 * io.krxtrader.observer.jsonl.JsonlText}), the 10-minute poll boundaries and the timestamp format
 * ({@link io.krxtrader.observer.jsonl.IsoTimestamp}). Depends on nothing else of {@code observer}:
 * the loaders (in {@code observer}) and the live collectors ({@code observer.live}) use it.
 */
package io.krxtrader.observer.jsonl;
