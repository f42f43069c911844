package io.krxtrader.trade.router;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A producer run that passed {@link PickRunParser}: who made it, when, and its picks (at most one
 * per symbol). {@code contentHash} is the SHA-256 of its values in a fixed order (whatever the
 * form), so that the same run sent twice is recognised and a different run under a used {@code
 * runId} is refused.
 */
public record PickRun(
    String producerId,
    Optional<String> producerName,
    String runId,
    LocalDate runDate,
    Instant asof,
    List<Pick> picks,
    String contentHash) {

  public PickRun {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(producerName, "producerName");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(runDate, "runDate");
    Objects.requireNonNull(asof, "asof");
    picks = List.copyOf(picks);
    Objects.requireNonNull(contentHash, "contentHash");
  }
}
