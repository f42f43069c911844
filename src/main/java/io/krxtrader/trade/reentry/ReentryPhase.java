package io.krxtrader.trade.reentry;

/**
 * Where a re-entry candidate is ({@code trade.reentry_candidates.state}): one sealed state, one
 * sealed event type, one exhaustive switch.
 *
 * <pre>
 * from       event                                   to
 * COOLDOWN   CooldownOver (now ≥ cooldown_until)     WATCHING
 * WATCHING   Bought(last = false)                    ENTERED    (an ENTRY intent is out)
 * WATCHING   Bought(last = true)                     EXHAUSTED  (reentry_count reached max_reentries)
 * ENTERED    Exited(qualifying = true)               COOLDOWN   (SL2, GAP, TRAIL or BE again)
 * ENTERED    Exited(qualifying = false)              DONE       (TP3, TIME, MANUAL: no re-entry)
 * COOLDOWN, WATCHING
 *            SessionEnded                            EXPIRED
 * EXHAUSTED  Exited(any)                             EXHAUSTED
 * anything else                                      refused (IllegalStateException)
 * </pre>
 *
 * EXHAUSTED, EXPIRED and DONE are final.
 */
public sealed interface ReentryPhase {

  record Cooldown() implements ReentryPhase {}

  record Watching() implements ReentryPhase {}

  record Entered() implements ReentryPhase {}

  record Exhausted() implements ReentryPhase {}

  record Expired() implements ReentryPhase {}

  record Done() implements ReentryPhase {}

  ReentryPhase COOLDOWN = new Cooldown();
  ReentryPhase WATCHING = new Watching();
  ReentryPhase ENTERED = new Entered();
  ReentryPhase EXHAUSTED = new Exhausted();
  ReentryPhase EXPIRED = new Expired();
  ReentryPhase DONE = new Done();

  sealed interface Event {}

  record CooldownOver() implements Event {}

  /** An ENTRY intent was written; {@code last} when it used the candidate's last re-entry. */
  record Bought(boolean last) implements Event {}

  /** The re-entered position was fully exited by {@code rule}. */
  record Exited(boolean qualifying) implements Event {}

  record SessionEnded() implements Event {}

  default ReentryPhase on(Event event) {
    return switch (this) {
      case Cooldown c ->
          switch (event) {
            case CooldownOver over -> WATCHING;
            case SessionEnded ended -> EXPIRED;
            case Bought bought -> refuse(event);
            case Exited exited -> refuse(event);
          };
      case Watching w ->
          switch (event) {
            case Bought bought -> bought.last() ? EXHAUSTED : ENTERED;
            case SessionEnded ended -> EXPIRED;
            case CooldownOver over -> refuse(event);
            case Exited exited -> refuse(event);
          };
      case Entered e ->
          switch (event) {
            case Exited exited -> exited.qualifying() ? COOLDOWN : DONE;
            case CooldownOver over -> refuse(event);
            case Bought bought -> refuse(event);
            case SessionEnded ended -> refuse(event);
          };
      case Exhausted x -> event instanceof Exited ? EXHAUSTED : refuse(event);
      case Expired x -> refuse(event);
      case Done x -> refuse(event);
    };
  }

  default boolean isFinal() {
    return this instanceof Exhausted || this instanceof Expired || this instanceof Done;
  }

  default String code() {
    return switch (this) {
      case Cooldown c -> "COOLDOWN";
      case Watching w -> "WATCHING";
      case Entered e -> "ENTERED";
      case Exhausted x -> "EXHAUSTED";
      case Expired x -> "EXPIRED";
      case Done x -> "DONE";
    };
  }

  static ReentryPhase parse(String code) {
    return switch (code) {
      case "COOLDOWN" -> COOLDOWN;
      case "WATCHING" -> WATCHING;
      case "ENTERED" -> ENTERED;
      case "EXHAUSTED" -> EXHAUSTED;
      case "EXPIRED" -> EXPIRED;
      case "DONE" -> DONE;
      default -> throw new IllegalArgumentException("unknown re-entry state [state=" + code + "]");
    };
  }

  private ReentryPhase refuse(Event event) {
    throw new IllegalStateException(
        "re-entry transition not in the table [state=" + code() + ", event=" + event + "]");
  }
}
