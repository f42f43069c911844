package io.krxtrader.portfolio;

/**
 * The account's cash in KRW, as the broker says (the port a snapshot needs besides {@code
 * trade.holdings}, which hold no cash). The runtime implements it over the broker's balance; the
 * command line takes it as {@code --cash}.
 */
@FunctionalInterface
public interface CashBalance {
  long cash();
}
