/**
 * krx-trader: automated trading for KRX equities through the KIS Open API, with PostgreSQL as the
 * single source of truth. Packages follow the database schemas they own; see README for the map.
 */
package io.krxtrader;
