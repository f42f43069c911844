/**
 * The live collectors: Track A polls REST snapshots of the swing universe at each 10-minute
 * boundary of the session, Track B conflates WebSocket trades and quotes of the scalp universe to
 * at most one record per symbol per 500 ms slot, and the gap detector records WebSocket outages,
 * failed polls and silent symbols. They append to the JSONL files first (the durable record, {@link
 * io.krxtrader.observer.CollectorFiles}); the {@link io.krxtrader.observer.live.Tailer} loads what
 * they appended into {@code observer.*} through the same exactly-once loader as back-fill. The
 * broker is reached through the ports {@link io.krxtrader.observer.live.SnapshotSource} and {@link
 * io.krxtrader.observer.live.TickStream}, which the KIS client implements.
 */
package io.krxtrader.observer.live;
