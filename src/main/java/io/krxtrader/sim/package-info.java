/**
 * The KIS-compatible market simulator: REST, WebSocket and Naver polling servers on loopback that
 * speak KIS's wire format, backed by a seeded market model (or recorded ticks), simulated accounts
 * with matching, fees and the sell tax, and fault injection for tests. {@link
 * io.krxtrader.sim.Simulator} is the entry type. Owns no tables and keeps everything in memory.
 */
package io.krxtrader.sim;
