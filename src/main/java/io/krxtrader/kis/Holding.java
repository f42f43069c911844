package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;

/**
 * One line of the balance ({@code output1} of inquire-balance). {@code averagePrice} keeps KIS's
 * four decimals; amounts are KRW. A symbol sold out today may still be listed with quantity 0.
 */
public record Holding(
    Symbol symbol,
    String name,
    long quantity,
    long orderableQuantity,
    BigDecimal averagePrice,
    long purchaseAmount,
    long currentPrice,
    long valuation,
    long profitLoss,
    BigDecimal profitLossRate,
    long boughtToday,
    long soldToday) {}
