package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;

/**
 * How much of a symbol the account can buy at a price without margin ({@code nrcvb_buy_qty} /
 * {@code nrcvb_buy_amt} of inquire-psbl-order), and the orderable cash.
 */
public record BuyingPower(
    Symbol symbol, long price, long orderableCash, long maxQuantity, long maxAmount) {}
