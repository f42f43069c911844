/**
 * The KIS Open API client: the only code that knows the KIS (and Naver polling) wire format. {@link
 * io.krxtrader.kis.KisClient} is the entry type; it hands out {@link
 * io.krxtrader.kis.KisQuotations} (REST prices), {@link io.krxtrader.kis.KisTrading} (orders,
 * balance, executions), {@link io.krxtrader.kis.KisStream} (WebSocket trades, quotes and execution
 * notices) and {@link io.krxtrader.kis.NaverPolling} (the secondary price source). Everything it
 * returns is a typed record with exact numbers. Owns no tables and never touches the database; its
 * only file is the owner-only access-token cache under the home directory.
 */
package io.krxtrader.kis;
