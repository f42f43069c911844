package io.krxtrader.replay;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.exit.DailyBar;
import io.krxtrader.trade.exit.ExitState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a replay of one KST day starts from.
 *
 * @param prices the day's price events in event-time order
 * @param positions every position held at the day's start or opened during it
 * @param fills the day's fills in time order (applied to the positions at their times in a
 *     comparison replay; a what-if replay fills its own intents at once and ignores the exit fills)
 * @param daily each held symbol's daily bars before the day, oldest first (ATR, previous close)
 * @param existingKeys the action keys that existed before the day (a decision with one of them
 *     writes its signal but no second intent, as {@code OrderIntents.insert} does)
 * @param candidateIds the live re-entry candidate id of an origin position, so that the replay's
 *     action keys {@code {candidate_id}:ENTRY:{n}} match the live ones
 */
public record ReplayDay(
    LocalDate date,
    PriceTape prices,
    List<Holding> positions,
    List<Fill> fills,
    Map<Symbol, List<DailyBar>> daily,
    Set<String> existingKeys,
    Map<UUID, UUID> candidateIds) {

  public ReplayDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(prices, "prices");
    positions = List.copyOf(positions);
    fills = List.copyOf(fills);
    daily = Map.copyOf(daily);
    existingKeys = Set.copyOf(existingKeys);
    candidateIds = Map.copyOf(candidateIds);
  }

  /**
   * A position as it stood at the day's start ({@code quantity} 0 for one opened during the day:
   * its ENTRY fills open it).
   *
   * @param state its exit state at the day's start; empty when the engine had not seen it (it
   *     starts from the quantity of its first evaluation, as the engine does)
   */
  public record Holding(
      UUID positionId,
      Symbol symbol,
      long quantity,
      BigDecimal avgPrice,
      Instant entryTs,
      Optional<ExitState> state) {}

  /**
   * One fill of the day.
   *
   * @param intentType the type of the intent it fills
   * @param reasonCode the intent's reason (an exit's rule code), which a re-entry candidate needs
   */
  public record Fill(
      Instant ts,
      UUID positionId,
      Symbol symbol,
      OrderSide side,
      long quantity,
      BigDecimal price,
      IntentType intentType,
      String reasonCode,
      Optional<UUID> candidateId) {}
}
