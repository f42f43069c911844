/**
 * PriceSync: merges live prices from the KIS WebSocket, KIS REST and Naver into one best price per
 * symbol, tells when a watched symbol's price is stale, queues REST and Naver refreshes for stale
 * symbols, and records KIS-versus-Naver discrepancies.
 *
 * <p>Owns and writes {@code market.*}: {@code prices_ticks}, {@code prices_best}, {@code
 * freshness}, {@code sync_jobs}, {@code discrepancies}, always through the {@code krx_pricesync}
 * role. The entry type is {@link io.krxtrader.market.PriceSync}; the KIS client feeds it through
 * {@link io.krxtrader.market.PriceSink} and answers refreshes through {@link
 * io.krxtrader.market.QuoteSource}; trade and the collectors say which symbols matter through
 * {@link io.krxtrader.market.WatchList}.
 */
package io.krxtrader.market;
