package io.krxtrader.kis;

import java.util.List;

/**
 * The account: every holding (all pages) and the cash summary ({@code output2}). Cash buckets:
 * {@code deposit} today ({@code dnca_tot_amt}), {@code cashNextDay} D+1 and {@code cashSettled} D+2
 * ({@code prvs_rcdl_excc_amt}, what is left after every trade so far settles). {@code todayFees} is
 * today's commission and tax ({@code thdt_tlex_amt}).
 */
public record Balance(
    List<Holding> holdings,
    long deposit,
    long cashNextDay,
    long cashSettled,
    long todayBuyAmount,
    long todaySellAmount,
    long todayFees,
    long securitiesValue,
    long totalValue,
    long purchaseTotal,
    long profitLossTotal) {

  public Balance {
    holdings = List.copyOf(holdings);
  }
}
