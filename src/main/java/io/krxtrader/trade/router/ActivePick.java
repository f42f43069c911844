package io.krxtrader.trade.router;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An ACTIVE pick as the decision pass reads it from {@code trade.picks}. */
record ActivePick(
    UUID pickId,
    String producerId,
    String runId,
    LocalDate runDate,
    Instant asof,
    String symbol,
    String side,
    BigDecimal score,
    Confidence confidence,
    Instant created) {}
