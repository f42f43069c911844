package io.krxtrader.market;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants as microseconds since the epoch, PostgreSQL's own resolution: batches bind timestamps as
 * {@code bigint[]} and turn them back with {@code timestamptz 'epoch' + us * interval '1
 * microsecond'}, which is exact (unlike {@code to_timestamp(double)}).
 */
final class EpochMicros {

  private EpochMicros() {}

  static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Null for null: for nullable array elements. */
  static Long ofNullable(Instant instant) {
    return instant == null ? null : of(instant);
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** A nullable {@code timestamptz} column as an instant. */
  static Instant read(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
