/**
 * The exchange's rules and vocabulary, shared by every module: {@link io.krxtrader.krx.Symbol}, the
 * tick grid ({@link io.krxtrader.krx.TickSize}), daily price limits, the KST session calendar, the
 * default 131-symbol universe, and a seeded intraday {@link io.krxtrader.krx.PricePath} that the
 * sample-data generator and the simulator both draw from. Owns no tables; depends on nothing.
 */
package io.krxtrader.krx;
