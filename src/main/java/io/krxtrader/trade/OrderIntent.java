package io.krxtrader.trade;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One decided order, before execution sees it. The {@code actionKey} names the decision (for
 * example {@code {position_id}:SL2}, {@code ENTRY:20261123:005930:3000:run-7}, {@code
 * REBAL:{plan_id}:005930}); a second intent with the same key is never stored, so a decision taken
 * twice (a restart, two leaders) orders once. Prices are whole won.
 */
public record OrderIntent(
    UUID intentId,
    Symbol symbol,
    OrderSide side,
    IntentType type,
    long quantity,
    PriceType priceType,
    OptionalLong limitPrice,
    String reasonCode,
    String actionKey,
    Optional<UUID> positionId,
    Optional<UUID> candidateId) {

  public OrderIntent {
    Objects.requireNonNull(intentId, "intentId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(priceType, "priceType");
    Objects.requireNonNull(limitPrice, "limitPrice");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(actionKey, "actionKey");
    Objects.requireNonNull(positionId, "positionId");
    Objects.requireNonNull(candidateId, "candidateId");
    if (quantity <= 0) {
      throw new IllegalArgumentException(
          "an intent's quantity must be positive [actionKey="
              + actionKey
              + ", quantity="
              + quantity
              + "]");
    }
    if ((priceType == PriceType.LMT) != limitPrice.isPresent()) {
      throw new IllegalArgumentException(
          "a limit intent needs a limit price and a market intent none [actionKey="
              + actionKey
              + ", priceType="
              + priceType
              + "]");
    }
    if (limitPrice.isPresent() && limitPrice.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "a limit price must be positive [actionKey="
              + actionKey
              + ", limitPrice="
              + limitPrice.getAsLong()
              + "]");
    }
    if (actionKey.isBlank() || reasonCode.isBlank()) {
      throw new IllegalArgumentException("an intent needs an action key and a reason code");
    }
    if (type == IntentType.ENTRY && side != OrderSide.BUY
        || (type == IntentType.EXIT_FULL || type == IntentType.EXIT_PARTIAL)
            && side != OrderSide.SELL) {
      throw new IllegalArgumentException(
          "an entry buys and an exit sells [actionKey="
              + actionKey
              + ", type="
              + type
              + ", side="
              + side
              + "]");
    }
  }

  /** A market order (stops, time exits). */
  public static OrderIntent market(
      Symbol symbol,
      OrderSide side,
      IntentType type,
      long quantity,
      String reasonCode,
      String actionKey) {
    return of(symbol, side, type, quantity, OptionalLong.empty(), reasonCode, actionKey);
  }

  /** A limit order at {@code price} won (already on the tick grid). */
  public static OrderIntent limit(
      Symbol symbol,
      OrderSide side,
      IntentType type,
      long quantity,
      long price,
      String reasonCode,
      String actionKey) {
    return of(symbol, side, type, quantity, OptionalLong.of(price), reasonCode, actionKey);
  }

  private static OrderIntent of(
      Symbol symbol,
      OrderSide side,
      IntentType type,
      long quantity,
      OptionalLong limitPrice,
      String reasonCode,
      String actionKey) {
    PriceType priceType = limitPrice.isPresent() ? PriceType.LMT : PriceType.MKT;
    return new OrderIntent(
        UUID.randomUUID(),
        symbol,
        side,
        type,
        quantity,
        priceType,
        limitPrice,
        reasonCode,
        actionKey,
        Optional.empty(),
        Optional.empty());
  }

  /** The same intent, for the position it exits. */
  public OrderIntent forPosition(UUID position) {
    return linked(Optional.of(position), candidateId);
  }

  /** The same intent, for the re-entry candidate it enters. */
  public OrderIntent forCandidate(UUID candidate) {
    return linked(positionId, Optional.of(candidate));
  }

  private OrderIntent linked(Optional<UUID> position, Optional<UUID> candidate) {
    return new OrderIntent(
        intentId,
        symbol,
        side,
        type,
        quantity,
        priceType,
        limitPrice,
        reasonCode,
        actionKey,
        position,
        candidate);
  }
}
