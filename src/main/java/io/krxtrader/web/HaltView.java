package io.krxtrader.web;

import io.krxtrader.system.Halt;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The kill switch as the API shows it, with the line {@code status} prints. */
record HaltView(
    boolean halted,
    boolean exitsToo,
    OptionalLong eventId,
    Optional<String> reason,
    Optional<String> by,
    Instant since,
    String description) {

  static HaltView of(Halt.HaltState state) {
    return new HaltView(
        state.halted(),
        state.exitsToo(),
        state.eventId(),
        state.reason(),
        state.by().map(Halt.Operator::toString),
        state.since(),
        state.describe());
  }
}
