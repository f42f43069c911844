package io.krxtrader.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krxtrader.TextTable;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketQueries;
import io.krxtrader.system.Halt;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leaders;
import io.krxtrader.trade.execution.Mismatches;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator needs from {@code status}: who leads each module (stale after {@link
 * Leaders#STALE_AFTER} without a heartbeat), the kill switch, the stale symbols and the open
 * holdings mismatches (execution's {@code trade.holding_mismatches}). Read once ({@link #read}),
 * then printed as text or JSON, so that the rendering is tested without a database or a clock.
 */
record OperatorStatus(
    Instant at,
    List<Leaders.Leader> leaders,
    Halt.HaltState halt,
    long refusedSinceHalt,
    long staleSymbolCount,
    List<StaleSymbol> staleSymbols,
    List<Mismatches.Mismatch> mismatches) {

  /** How many stale symbols the report lists (it counts all of them). */
  static final int STALE_SYMBOLS_SHOWN = 20;

  private static final DateTimeFormatter KST_TIME =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(TradingCalendar.KST);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  record StaleSymbol(String symbol, Optional<String> reason, Instant since) {}

  OperatorStatus {
    Objects.requireNonNull(at, "at");
    leaders = List.copyOf(leaders);
    Objects.requireNonNull(halt, "halt");
    staleSymbols = List.copyOf(staleSymbols);
    mismatches = List.copyOf(mismatches);
  }

  /** Reads the status as of {@code now} (heartbeat ages are measured against it). */
  static OperatorStatus read(Database db, Instant now) throws SQLException {
    try (Connection connection = db.dataSource(ModuleRole.SYSTEM).getConnection()) {
      List<Leaders.Leader> leaders = Leaders.current(connection, now);
      Halt.HaltState halt = Halt.current(connection);
      long refused = 0;
      if (halt.halted() && halt.eventId().isPresent()) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM system.refused_actions WHERE halt_event = ?")) {
          statement.setLong(1, halt.eventId().getAsLong());
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            refused = rows.getLong(1);
          }
        }
      }
      long staleCount = MarketQueries.staleCount(connection);
      List<StaleSymbol> stale =
          MarketQueries.staleSymbols(connection, STALE_SYMBOLS_SHOWN).stream()
              .map(s -> new StaleSymbol(s.symbol(), s.reason(), s.since()))
              .toList();
      return new OperatorStatus(
          now, leaders, halt, refused, staleCount, stale, Mismatches.open(connection));
    }
  }

  /**
   * The text sections: leaders (every known leader, led or not), the kill switch, stale symbols.
   */
  void print(PrintWriter out) {
    out.printf(
        "Leaders (at %s; STALE after %d s without a heartbeat)%n",
        KST_TIME.format(at), Leaders.STALE_AFTER.toSeconds());
    TextTable table =
        new TextTable("leader", "instance", "host", "pid", "term", "heartbeat", "")
            .rightAlign(3, 4);
    List<Leaders.Leader> unnamed = new ArrayList<>(leaders);
    for (LeaderName name : LeaderName.values()) {
      Optional<Leaders.Leader> leader =
          leaders.stream().filter(l -> l.name().equals(Optional.of(name))).findFirst();
      leader.ifPresent(unnamed::remove);
      if (leader.isPresent()) {
        row(table, leader.get());
      } else {
        table.row(name.displayName(), "-", "", "", "", "", "no leader");
      }
    }
    unnamed.forEach(l -> row(table, l));
    table.print(out, "  ");
    out.println();
    out.println("Kill switch");
    out.println("  " + halt.describe());
    if (halt.halted()) {
      out.println(
          "  refused since the halt: "
              + refusedSinceHalt
              + (refusedSinceHalt == 1 ? " action" : " actions"));
    }
    out.println();
    out.println("Stale symbols");
    if (staleSymbolCount == 0) {
      out.println("  none");
    } else {
      TextTable symbols = new TextTable("symbol", "reason", "since");
      for (StaleSymbol s : staleSymbols) {
        symbols.row(s.symbol(), s.reason().orElse("-"), KST_TIME.format(s.since()));
      }
      symbols.print(out, "  ");
      if (staleSymbolCount > staleSymbols.size()) {
        out.println("  ... and " + (staleSymbolCount - staleSymbols.size()) + " more");
      }
    }
    out.println();
    out.println("Holdings mismatches (the broker's holdings against krx-trader's positions;");
    out.println("new entries in these symbols are blocked until `reconcile`)");
    if (mismatches.isEmpty()) {
      out.println("  none");
    } else {
      TextTable rows =
          new TextTable(
                  "symbol",
                  "account",
                  "kind",
                  "position qty",
                  "position avg",
                  "broker qty",
                  "broker avg",
                  "since")
              .rightAlign(3, 4, 5, 6);
      for (Mismatches.Mismatch m : mismatches) {
        rows.row(
            m.symbol().code(),
            m.accountId(),
            m.kind().name(),
            m.positionQty().map(String::valueOf).orElse("-"),
            m.positionAvg().map(BigDecimal::toPlainString).orElse("-"),
            m.holdingQty().map(String::valueOf).orElse("-"),
            m.holdingAvg().map(BigDecimal::toPlainString).orElse("-"),
            KST_TIME.format(m.firstSeen()));
      }
      rows.print(out, "  ");
    }
    out.flush();
  }

  private static void row(TextTable table, Leaders.Leader leader) {
    table.row(
        leader.displayName(),
        leader.instanceId(),
        leader.host(),
        leader.pid(),
        leader.term().isPresent() ? String.valueOf(leader.term().getAsLong()) : "-",
        age(leader.age()) + " ago",
        leader.stale() ? "STALE" : "");
  }

  /** A heartbeat age as people read it: {@code 3 s}, {@code 2 min 5 s}, {@code 3 h 2 min}. */
  static String age(Duration age) {
    long seconds = age.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    } else if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  /** The same as one JSON object. */
  Map<String, Object> json() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("at", KST_TIME.format(at));
    List<Map<String, Object>> leaderObjects = new ArrayList<>();
    for (Leaders.Leader leader : leaders) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("leader", leader.displayName());
      l.put("lock_name", leader.lockName());
      l.put("instance", leader.instanceId());
      l.put("host", leader.host());
      l.put("pid", leader.pid());
      l.put("term", leader.term().isPresent() ? leader.term().getAsLong() : null);
      l.put("acquired", KST_TIME.format(leader.acquired()));
      l.put("heartbeat", KST_TIME.format(leader.heartbeat()));
      l.put("heartbeat_age_ms", leader.age().toMillis());
      l.put("stale", leader.stale());
      leaderObjects.add(l);
    }
    object.put("leaders", leaderObjects);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("halted", halt.halted());
    h.put("exits_too", halt.exitsToo());
    h.put("reason", halt.reason().orElse(null));
    h.put("by", halt.by().map(Halt.Operator::toString).orElse(null));
    h.put("since", KST_TIME.format(halt.since()));
    h.put("refused_since_halt", refusedSinceHalt);
    object.put("halt", h);
    Map<String, Object> stale = new LinkedHashMap<>();
    stale.put("count", staleSymbolCount);
    List<Map<String, Object>> symbols = new ArrayList<>();
    for (StaleSymbol s : staleSymbols) {
      Map<String, Object> symbol = new LinkedHashMap<>();
      symbol.put("symbol", s.symbol());
      symbol.put("reason", s.reason().orElse(null));
      symbol.put("since", KST_TIME.format(s.since()));
      symbols.add(symbol);
    }
    stale.put("symbols", symbols);
    object.put("stale_symbols", stale);
    List<Map<String, Object>> mismatchObjects = new ArrayList<>();
    for (Mismatches.Mismatch m : mismatches) {
      Map<String, Object> mismatch = new LinkedHashMap<>();
      mismatch.put("symbol", m.symbol().code());
      mismatch.put("account", m.accountId());
      mismatch.put("kind", m.kind().name());
      mismatch.put("position_quantity", m.positionQty().orElse(null));
      mismatch.put("position_average_price", m.positionAvg().orElse(null));
      mismatch.put("broker_quantity", m.holdingQty().orElse(null));
      mismatch.put("broker_average_price", m.holdingAvg().orElse(null));
      mismatch.put("since", KST_TIME.format(m.firstSeen()));
      mismatchObjects.add(mismatch);
    }
    object.put("holdings_mismatches", mismatchObjects);
    return object;
  }

  static String toJson(Map<String, Object> object) {
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
