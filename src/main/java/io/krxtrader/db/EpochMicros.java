package io.krxtrader.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from PostgreSQL's {@code timestamptz}. As microseconds since the epoch, its own
 * resolution: batches bind timestamps as {@code bigint[]} and turn them back with {@code
 * timestamptz 'epoch' + us * interval '1 microsecond'}, which is exact (unlike {@code
 * to_timestamp(double)}). As a parameter or a column: an {@link OffsetDateTime} in UTC, which
 * pgjdbc maps to {@code timestamptz} without the JVM's time zone.
 */
public final class EpochMicros {

  private EpochMicros() {}

  public static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Null for null: for nullable array elements. */
  public static Long ofNullable(Instant instant) {
    return instant == null ? null : of(instant);
  }

  public static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** A nullable {@code timestamptz} column as an instant. */
  public static Instant read(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
