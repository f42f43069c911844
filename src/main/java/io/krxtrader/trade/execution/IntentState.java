package io.krxtrader.trade.execution;

import io.krxtrader.trade.IntentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An intent on its way to the broker, as execution moves it ({@code trade.order_intents}: status,
 * send_count, submitted_ts, empty_checks, last_check_ts). {@link #on} is the whole state machine;
 * {@link Execution} persists each result in its own fenced transaction.
 *
 * <pre>
 * from                      event                                    to
 * New                       Deny(reason)                             Denied
 * New                       Claim(at)                                Submitting(sends 1, at)
 * Submitting                Accepted(order)                          Submitted(order)
 * Submitting                Refused(code, message)                   Rejected
 * Submitting                Ambiguous(reason) (timeout, cut, crash)  Unknown(sends, at, checks 0)
 * Unknown                   Found(order) (one unique match)          Submitted(order)
 * Unknown                   Contested(reason) (several candidates)   Held
 * Unknown(checks 0)         Empty(at, call)                          Unknown(checks 1, last at)
 * Unknown(checks 1)         Empty(at, call), not deciding            Unknown(unchanged)
 * Unknown(checks 1)         Empty(at, call), deciding, sends &lt; 2      Unknown(checks 2): may resend
 * Unknown(checks 1)         Empty(at, call), deciding, sends = 2      Held (sent twice, found never)
 * Unknown(checks 2)         Empty(at, call)                          Unknown(unchanged)
 * Unknown(checks 2)         Deny(reason) (re-checked before resend)  Denied
 * Unknown(checks 2)         Claim(at) (the resend)                   Submitting(sends + 1, at)
 * Submitted                 Fill(cum &lt; qty)                           PartiallyFilled(cum)
 * Submitted, PartiallyFilled Fill(cum = qty)                         Filled
 * PartiallyFilled(f)        Fill(f &lt; cum &lt; qty)                       PartiallyFilled(cum)
 * PartiallyFilled(f)        Fill(cum &lt;= f)                            PartiallyFilled(f) (seen)
 * Submitted, PartiallyFilled Closed (the broker's rest is cancelled)  Cancelled
 * Held, Rejected, Denied, Filled, Cancelled   any                    refused (no change)
 * any other pair                                                     refused (no change)
 * </pre>
 *
 * A look is <em>deciding</em> when it comes at least {@link #CHECK_GAP} after the first empty look
 * <em>and</em> after {@link Unknown#settledAt}: the submit time plus the broker's longest call
 * ({@code call}, {@link Broker#longestCall()}, which follows {@code kis.timeout}) plus {@link
 * #IN_FLIGHT_MARGIN}. Before that, a send still in flight (this process's, or a predecessor's that
 * lost its term mid-call) may yet land at the broker, and a resend would double it.
 *
 * <p>A refused event returns {@link Optional#empty()}: the caller's view was stale and it does
 * nothing. At most two sends ({@link #MAX_SENDS}) ever happen for one intent, and the second only
 * after two empty looks at least {@link #CHECK_GAP} apart, the second later than {@link
 * Unknown#settledAt}.
 */
public sealed interface IntentState {

  /** The least time between the two empty looks that allow a resend. */
  Duration CHECK_GAP = Duration.ofSeconds(5);

  /**
   * Added to the broker's longest call before an empty look may decide: the broker's own processing
   * after our client gave up, and clock differences between processes.
   */
  Duration IN_FLIGHT_MARGIN = Duration.ofSeconds(5);

  /** An intent is sent at most this many times (the second only after two empty looks). */
  int MAX_SENDS = 2;

  IntentStatus status();

  record New() implements IntentState {
    public IntentStatus status() {
      return IntentStatus.NEW;
    }
  }

  record Submitting(int sends, Instant submittedAt) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.SUBMITTING;
    }
  }

  record Submitted(String orderId) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.SUBMITTED;
    }
  }

  record Unknown(int sends, Instant submittedAt, int emptyChecks, Optional<Instant> lastCheck)
      implements IntentState {
    public IntentStatus status() {
      return IntentStatus.UNKNOWN;
    }

    /** Two looks, far enough apart, found nothing: the intent may be checked and sent again. */
    public boolean mayResend() {
      return emptyChecks >= 2;
    }

    /**
     * The earliest moment an empty look may decide that the broker never got the send begun at
     * {@link #submittedAt}, when one broker call lasts at most {@code longestCall}.
     */
    public Instant settledAt(Duration longestCall) {
      return submittedAt.plus(longestCall).plus(IN_FLIGHT_MARGIN);
    }
  }

  record PartiallyFilled(long filled) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.PARTIALLY_FILLED;
    }
  }

  record Filled() implements IntentState {
    public IntentStatus status() {
      return IntentStatus.FILLED;
    }
  }

  record Cancelled() implements IntentState {
    public IntentStatus status() {
      return IntentStatus.CANCELLED;
    }
  }

  record Held(String reason) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.HELD;
    }
  }

  record Rejected(String msgCd, String message) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.REJECTED;
    }
  }

  record Denied(String reason) implements IntentState {
    public IntentStatus status() {
      return IntentStatus.DENIED;
    }
  }

  /** What happens to an intent. */
  sealed interface Event {}

  record Claim(Instant at) implements Event {}

  record Deny(String reason) implements Event {}

  record Accepted(String orderId) implements Event {}

  record Refused(String msgCd, String message) implements Event {}

  record Ambiguous(String reason) implements Event {}

  record Found(String orderId) implements Event {}

  record Contested(String reason) implements Event {}

  /**
   * A look at the broker's day at {@code at} found no matching order; {@code longestCall} is the
   * longest one order call can take ({@link Broker#longestCall()}).
   */
  record Empty(Instant at, Duration longestCall) implements Event {
    public Empty {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(longestCall, "longestCall");
    }
  }

  /** The broker's order has filled {@code cumulative} of {@code quantity} shares so far. */
  record Fill(long cumulative, long quantity) implements Event {}

  /** Nothing more can fill at the broker (the rest was cancelled or refused). */
  record Closed() implements Event {}

  /** The state after {@code event}, or empty when the table refuses the pair. */
  default Optional<IntentState> on(Event event) {
    Objects.requireNonNull(event, "event");
    IntentState next =
        switch (this) {
          case New n ->
              switch (event) {
                case Deny d -> new Denied(d.reason());
                case Claim c -> new Submitting(1, c.at());
                default -> null;
              };
          case Submitting s ->
              switch (event) {
                case Accepted a -> new Submitted(a.orderId());
                case Refused r -> new Rejected(r.msgCd(), r.message());
                case Ambiguous a -> new Unknown(s.sends(), s.submittedAt(), 0, Optional.empty());
                default -> null;
              };
          case Unknown u -> unknown(u, event);
          case Submitted s -> filling(0, true, event);
          case PartiallyFilled p -> filling(p.filled(), false, event);
          case Filled f -> null;
          case Cancelled c -> null;
          case Held h -> null;
          case Rejected r -> null;
          case Denied d -> null;
        };
    return Optional.ofNullable(next);
  }

  private static IntentState filling(long filled, boolean submitted, Event event) {
    if (event instanceof Closed) {
      return new Cancelled();
    }
    if (!(event instanceof Fill f)) {
      return null;
    }
    if (f.cumulative() >= f.quantity()) {
      return new Filled();
    }
    if (f.cumulative() > filled) {
      return new PartiallyFilled(f.cumulative());
    }
    return submitted ? null : new PartiallyFilled(filled);
  }

  private static IntentState unknown(Unknown u, Event event) {
    return switch (event) {
      case Found f -> new Submitted(f.orderId());
      case Contested c -> new Held(c.reason());
      case Empty e -> {
        if (u.emptyChecks() == 0) {
          yield new Unknown(u.sends(), u.submittedAt(), 1, Optional.of(e.at()));
        }
        if (u.emptyChecks() == 1
            && !e.at().isBefore(u.lastCheck().orElseThrow().plus(CHECK_GAP))
            && !e.at().isBefore(u.settledAt(e.longestCall()))) {
          if (u.sends() >= MAX_SENDS) {
            yield new Held(
                "sent " + u.sends() + " times and never found at the broker: the operator decides");
          }
          yield new Unknown(u.sends(), u.submittedAt(), 2, Optional.of(e.at()));
        }
        yield u;
      }
      case Deny d -> u.mayResend() ? new Denied(d.reason()) : null;
      case Claim c -> u.mayResend() ? new Submitting(u.sends() + 1, c.at()) : null;
      default -> null;
    };
  }
}
