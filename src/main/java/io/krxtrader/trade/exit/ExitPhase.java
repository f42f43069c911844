package io.krxtrader.trade.exit;

/**
 * Where a position is in its exit life ({@code trade.position_state.phase}): one sealed state, one
 * sealed event type, one exhaustive switch.
 *
 * <pre>
 * from       event                                  to
 * OPEN       Sold(SL1, partial)                     SL1_DONE
 * OPEN       Sold(TP1, partial)                     TP1_DONE
 * OPEN       Sold(TP2, partial)                     TP2_DONE   (a jump past TP1: both thirds at once)
 * TP1_DONE   Sold(TP2, partial)                     TP2_DONE
 * OPEN, SL1_DONE, TP1_DONE, TP2_DONE
 *            Sold(MANUAL, partial)                  unchanged
 * OPEN, SL1_DONE, TP1_DONE, TP2_DONE, CLOSING
 *            Sold(any rule, full)                   CLOSING
 * any but CLOSED
 *            Closed (the position's quantity is 0)  CLOSED
 * CLOSED     Closed                                 CLOSED
 * anything else                                     refused (IllegalStateException)
 * </pre>
 *
 * Which rules a phase lets fire ({@link #allows}): OPEN all but the after-TP1 rules (BREAK_EVEN,
 * ATR_TRAIL); SL1_DONE only full exits (the graph has no way from SL1_DONE to a take-profit phase);
 * TP1_DONE and TP2_DONE the full exits, BREAK_EVEN, ATR_TRAIL and the targets not yet taken;
 * CLOSING only MANUAL (a full exit is already out; an operator may send another); CLOSED nothing.
 */
public sealed interface ExitPhase {

  record Open() implements ExitPhase {}

  record Sl1Done() implements ExitPhase {}

  record Tp1Done() implements ExitPhase {}

  record Tp2Done() implements ExitPhase {}

  record Closing() implements ExitPhase {}

  record Closed() implements ExitPhase {}

  ExitPhase OPEN = new Open();
  ExitPhase SL1_DONE = new Sl1Done();
  ExitPhase TP1_DONE = new Tp1Done();
  ExitPhase TP2_DONE = new Tp2Done();
  ExitPhase CLOSING = new Closing();
  ExitPhase CLOSED = new Closed();

  /** What happened to the position. */
  sealed interface Event {}

  /** An exit intent was decided: {@code full} when it sells the whole current quantity. */
  record Sold(ExitRule rule, boolean full) implements Event {}

  /** The position's quantity reached 0. */
  record PositionClosed() implements Event {}

  /** The next phase; {@link IllegalStateException} for a transition the table does not have. */
  default ExitPhase on(Event event) {
    return switch (event) {
      case PositionClosed closed -> CLOSED;
      case Sold sold -> onSold(sold);
    };
  }

  private ExitPhase onSold(Sold sold) {
    if (this instanceof Closed) {
      return refuse(sold);
    }
    if (sold.full()) {
      return CLOSING;
    }
    if (sold.rule() == ExitRule.MANUAL) {
      return this instanceof Closing ? refuse(sold) : this;
    }
    return switch (this) {
      case Open open ->
          switch (sold.rule()) {
            case HARD_STOP_1 -> SL1_DONE;
            case SCALE_OUT_1 -> TP1_DONE;
            case SCALE_OUT_2 -> TP2_DONE;
            default -> refuse(sold);
          };
      case Tp1Done tp1 -> sold.rule() == ExitRule.SCALE_OUT_2 ? TP2_DONE : refuse(sold);
      case Sl1Done sl1 -> refuse(sold);
      case Tp2Done tp2 -> refuse(sold);
      case Closing closing -> refuse(sold);
      case Closed closed -> refuse(sold);
    };
  }

  /** Whether {@code rule} may fire in this phase. */
  default boolean allows(ExitRule rule) {
    return switch (this) {
      case Open open -> rule != ExitRule.BREAK_EVEN && rule != ExitRule.ATR_TRAIL;
      case Sl1Done sl1 ->
          rule.sellsAll() && rule != ExitRule.BREAK_EVEN && rule != ExitRule.ATR_TRAIL
              || rule == ExitRule.MANUAL;
      case Tp1Done tp1 -> rule != ExitRule.HARD_STOP_1 && rule != ExitRule.SCALE_OUT_1;
      case Tp2Done tp2 ->
          rule != ExitRule.HARD_STOP_1
              && rule != ExitRule.SCALE_OUT_1
              && rule != ExitRule.SCALE_OUT_2;
      case Closing closing -> rule == ExitRule.MANUAL;
      case Closed closed -> false;
    };
  }

  /** Whether TP1 was taken: the break-even floor and the trail apply. */
  default boolean afterTakeProfit() {
    return this instanceof Tp1Done || this instanceof Tp2Done;
  }

  /** The column value. */
  default String code() {
    return switch (this) {
      case Open open -> "OPEN";
      case Sl1Done sl1 -> "SL1_DONE";
      case Tp1Done tp1 -> "TP1_DONE";
      case Tp2Done tp2 -> "TP2_DONE";
      case Closing closing -> "CLOSING";
      case Closed closed -> "CLOSED";
    };
  }

  static ExitPhase parse(String code) {
    return switch (code) {
      case "OPEN" -> OPEN;
      case "SL1_DONE" -> SL1_DONE;
      case "TP1_DONE" -> TP1_DONE;
      case "TP2_DONE" -> TP2_DONE;
      case "CLOSING" -> CLOSING;
      case "CLOSED" -> CLOSED;
      default -> throw new IllegalArgumentException("unknown exit phase [phase=" + code + "]");
    };
  }

  private ExitPhase refuse(Event event) {
    throw new IllegalStateException(
        "exit phase transition not in the table [phase=" + code() + ", event=" + event + "]");
  }
}
