package io.krxtrader.kis;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

/**
 * One order of the daily orders/executions inquiry ({@code inquire-daily-ccld}): the broker's view
 * of what was asked and what filled. Revise and cancel orders are rows of their own with {@code
 * originalOrderNumber} set (on paper KIS fills it with the row's own number).
 */
public record OrderRecord(
    LocalDate date,
    OrderNumber orderNumber,
    Optional<OrderNumber> originalOrderNumber,
    String branch,
    OrderSide side,
    Symbol symbol,
    String name,
    String orderTypeCode,
    long quantity,
    long price,
    LocalTime time,
    long filledQuantity,
    BigDecimal averageFillPrice,
    long filledAmount,
    long remainingQuantity,
    long rejectedQuantity,
    long cancelledQuantity,
    boolean cancelled) {}
