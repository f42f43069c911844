/**
 * Gate 2, risk ({@link io.krxtrader.trade.risk.RiskGate}): the check every new entry passes, the
 * router's and the re-entry engine's. It writes nothing; it reads positions, intents, re-entry
 * candidates and the latest balance ({@link io.krxtrader.trade.risk.BalanceSource}) in the caller's
 * transaction.
 */
package io.krxtrader.trade.risk;
