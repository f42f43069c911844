package io.krxtrader.trade.reentry;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL of the re-entry engine. */
final class ReentryStore {

  /**
   * Closed positions whose full exit by a qualifying rule has fills and no candidate yet; the exit
   * price is the fills' average, the exit time the last fill's.
   */
  private static final String STOPPED =
      """
      SELECT p.position_id, p.symbol, i.reason_code,
             coalesce(s.entry_qty, sum(f.qty)) AS original_qty,
             max(f.ts) AS exit_ts, sum(f.qty * f.price) / sum(f.qty) AS exit_price
        FROM trade.positions p
        JOIN trade.order_intents i ON i.position_id = p.position_id AND i.intent_type = 'EXIT_FULL'
        JOIN trade.orders o ON o.intent_id = i.intent_id
        JOIN trade.fills f ON f.order_id = o.order_id
        LEFT JOIN trade.position_state s ON s.position_id = p.position_id
       WHERE p.status = 'CLOSED' AND i.reason_code IN ('SL2', 'GAP', 'TRAIL', 'BE')
         AND NOT EXISTS (SELECT 1 FROM trade.reentry_candidates c
                          WHERE c.origin_position_id = p.position_id)
       GROUP BY p.position_id, p.symbol, i.reason_code, s.entry_qty
      """;

  private static final String INSERT =
      """
      INSERT INTO trade.reentry_candidates
             (candidate_id, symbol, origin_position_id, exit_reason, exit_ts, exit_price,
              cooldown_until, state, max_reentries, reentry_count, original_qty, updated_ts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (origin_position_id) DO NOTHING
      """;

  private static final String LIVE =
      """
      SELECT candidate_id, symbol, origin_position_id, exit_reason, exit_ts, exit_price,
             cooldown_until, state, max_reentries, reentry_count, original_qty, above_since
        FROM trade.reentry_candidates
       WHERE state IN ('COOLDOWN', 'WATCHING')
       ORDER BY candidate_id
      """;

  private static final String LOCK =
      "SELECT state, reentry_count, above_since FROM trade.reentry_candidates"
          + " WHERE candidate_id = ? FOR UPDATE";

  private static final String UPDATE =
      """
      UPDATE trade.reentry_candidates
         SET state = ?, reentry_count = ?, above_since = ?, last_eval_ts = ?, last_note = ?,
             updated_ts = ?
       WHERE candidate_id = ?
      """;

  private static final String BEST =
      """
      SELECT b.last_price, b.ts, b.quality_score, coalesce(f.is_stale, false) AS is_stale
        FROM market.prices_best b
        LEFT JOIN market.freshness f ON f.symbol = b.symbol
       WHERE b.symbol = ?
      """;

  /** A stopped position that makes a candidate. */
  record Stopped(
      UUID positionId,
      Symbol symbol,
      String rule,
      long originalQuantity,
      Instant exitTs,
      BigDecimal exitPrice) {}

  /** A best price with what freshness needs. */
  record Best(long price, Instant ts, int qualityScore, boolean stale) {}

  List<Stopped> stopped(Connection connection) throws SQLException {
    List<Stopped> stopped = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(STOPPED);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        stopped.add(
            new Stopped(
                rs.getObject("position_id", UUID.class),
                Symbol.of(rs.getString("symbol")),
                rs.getString("reason_code"),
                rs.getLong("original_qty"),
                rs.getTimestamp("exit_ts").toInstant(),
                rs.getBigDecimal("exit_price")));
      }
    }
    return stopped;
  }

  boolean insert(Connection connection, Candidate candidate, Instant now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setObject(1, candidate.candidateId());
      statement.setString(2, candidate.symbol().code());
      statement.setObject(3, candidate.originPositionId());
      statement.setString(4, candidate.exitReason());
      statement.setTimestamp(5, Timestamp.from(candidate.exitTs()));
      statement.setBigDecimal(6, candidate.exitPrice());
      statement.setTimestamp(7, Timestamp.from(candidate.cooldownUntil()));
      statement.setString(8, candidate.phase().code());
      statement.setInt(9, candidate.maxReentries());
      statement.setInt(10, candidate.reentryCount());
      statement.setLong(11, candidate.originalQuantity());
      statement.setTimestamp(12, Timestamp.from(now));
      return statement.executeUpdate() == 1;
    }
  }

  List<Candidate> live(Connection connection) throws SQLException {
    List<Candidate> live = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(LIVE);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Timestamp above = rs.getTimestamp("above_since");
        live.add(
            new Candidate(
                rs.getObject("candidate_id", UUID.class),
                Symbol.of(rs.getString("symbol")),
                rs.getObject("origin_position_id", UUID.class),
                rs.getLong("original_qty"),
                rs.getString("exit_reason"),
                rs.getTimestamp("exit_ts").toInstant(),
                rs.getBigDecimal("exit_price"),
                rs.getTimestamp("cooldown_until").toInstant(),
                ReentryPhase.parse(rs.getString("state")),
                rs.getInt("reentry_count"),
                rs.getInt("max_reentries"),
                above == null ? Optional.empty() : Optional.of(above.toInstant())));
      }
    }
    return live;
  }

  /**
   * Locks the candidate's row until the transaction ends and tells whether it is still as read
   * (state, count and hold start): otherwise another writer moved it and the decision is void.
   */
  boolean unchanged(Connection connection, Candidate read) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      statement.setObject(1, read.candidateId());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        Timestamp above = rs.getTimestamp("above_since");
        Optional<Instant> since = above == null ? Optional.empty() : Optional.of(above.toInstant());
        return rs.getString("state").equals(read.phase().code())
            && rs.getInt("reentry_count") == read.reentryCount()
            && since.equals(read.aboveSince());
      }
    }
  }

  void update(Connection connection, Candidate next, Optional<String> note, Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
      statement.setString(1, next.phase().code());
      statement.setInt(2, next.reentryCount());
      statement.setTimestamp(3, next.aboveSince().map(Timestamp::from).orElse(null));
      statement.setTimestamp(4, Timestamp.from(now));
      statement.setString(5, note.orElse(null));
      statement.setTimestamp(6, Timestamp.from(now));
      statement.setObject(7, next.candidateId());
      statement.executeUpdate();
    }
  }

  Optional<Best> best(Connection connection, Symbol symbol) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BEST)) {
      statement.setString(1, symbol.code());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Best(
                rs.getBigDecimal("last_price").longValueExact(),
                rs.getTimestamp("ts").toInstant(),
                rs.getInt("quality_score"),
                rs.getBoolean("is_stale")));
      }
    }
  }
}
