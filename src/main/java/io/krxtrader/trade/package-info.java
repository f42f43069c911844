/**
 * Trading: the modules that decide orders (exit, re-entry, router, each in a sub-package) and
 * execution, which alone sends them to the broker. They meet only in {@code trade.order_intents}: a
 * decision inserts an {@link io.krxtrader.trade.OrderIntent} with a unique action key through
 * {@link io.krxtrader.trade.OrderIntents}, in the same transaction as its leader's term check, and
 * execution sends each intent at most once.
 */
package io.krxtrader.trade;
