package io.krxtrader.portfolio;

import java.util.Optional;

/**
 * Where a rebalance plan is ({@code rebalance_plan.status}, with {@code reason} for an error).
 *
 * <pre>
 * from       event              to
 * Pending    Approve            Executing   (its first orders become intents)
 * Pending    Cancel             Cancelled
 * Executing  AllOrdersFinal     Done
 * Executing  OrderFailed(why)   Error(why)  (a rejected or denied order; the rest are not sent)
 * Executing  Cancel             Cancelled   (orders not yet sent are not sent)
 * Pending    AllOrdersFinal, OrderFailed    refused
 * Executing  Approve                        refused
 * Done, Cancelled, Error: every event       refused (final)
 * </pre>
 */
public sealed interface PlanState {

  record Pending() implements PlanState {}

  record Executing() implements PlanState {}

  record Done() implements PlanState {}

  record Cancelled() implements PlanState {}

  record Error(String reason) implements PlanState {}

  /** What happens to a plan. */
  sealed interface Event {}

  record Approve() implements Event {}

  record Cancel() implements Event {}

  record AllOrdersFinal() implements Event {}

  record OrderFailed(String reason) implements Event {}

  /** The state after {@code event}, or empty when the table refuses it. */
  default Optional<PlanState> on(Event event) {
    PlanState next =
        switch (this) {
          case Pending p ->
              switch (event) {
                case Approve a -> new Executing();
                case Cancel c -> new Cancelled();
                case AllOrdersFinal f -> null;
                case OrderFailed f -> null;
              };
          case Executing e ->
              switch (event) {
                case Approve a -> null;
                case Cancel c -> new Cancelled();
                case AllOrdersFinal f -> new Done();
                case OrderFailed f -> new Error(f.reason());
              };
          case Done d -> null;
          case Cancelled c -> null;
          case Error e -> null;
        };
    return Optional.ofNullable(next);
  }

  default boolean isFinal() {
    return switch (this) {
      case Pending p -> false;
      case Executing e -> false;
      case Done d -> true;
      case Cancelled c -> true;
      case Error e -> true;
    };
  }

  /** The value of {@code rebalance_plan.status}. */
  default String code() {
    return switch (this) {
      case Pending p -> "pending";
      case Executing e -> "executing";
      case Done d -> "done";
      case Cancelled c -> "cancelled";
      case Error e -> "error";
    };
  }

  static PlanState of(String code, String reason) {
    return switch (code) {
      case "pending" -> new Pending();
      case "executing" -> new Executing();
      case "done" -> new Done();
      case "cancelled" -> new Cancelled();
      case "error" -> new Error(reason == null ? "" : reason);
      default -> throw new IllegalArgumentException("unknown plan status [status=" + code + "]");
    };
  }
}
