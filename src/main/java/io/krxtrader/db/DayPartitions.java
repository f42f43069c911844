package io.krxtrader.db;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.TradingCalendar;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Day partitions of the tick tables ({@code observer.scalp_ticks}, {@code market.prices_ticks}),
 * one per KST calendar day so that a trading day can be dropped or archived at once. They are made
 * by the SECURITY DEFINER function {@code system.ensure_day_partitions}, which the owning module's
 * role may call: a loader about to write a day's rows makes sure that day exists first.
 */
public final class DayPartitions {

  /** The tables partitioned by day. */
  public static final List<String> TABLES = List.of("observer.scalp_ticks", "market.prices_ticks");

  /** Days created ahead of today at start-up; later days are made on demand by their writers. */
  public static final int DAYS_AHEAD = 7;

  /** Days known to exist, per data source (weakly held, so a closed test database is forgotten). */
  private static final Map<DataSource, Set<String>> known =
      Collections.synchronizedMap(new WeakHashMap<>());

  private DayPartitions() {}

  /** Creates the partitions from yesterday to {@value #DAYS_AHEAD} days ahead (KST). */
  public static void ensureAhead(DataSource dataSource, InstantSource clock) {
    LocalDate today = TradingCalendar.kstDate(clock.instant());
    for (String table : TABLES) {
      ensure(dataSource, table, today.minusDays(1), today.plusDays(DAYS_AHEAD));
    }
  }

  /**
   * Makes sure {@code table} has a partition for every KST day from {@code first} to {@code last}
   * inclusive. Cheap when they exist: days already seen by this process are skipped without a round
   * trip.
   */
  public static void ensure(DataSource dataSource, String table, LocalDate first, LocalDate last) {
    if (first.isAfter(last)) {
      return;
    }
    boolean allKnown = true;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (!knownDays(dataSource).contains(table + "/" + day)) {
        allKnown = false;
        break;
      }
    }
    if (allKnown) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT system.ensure_day_partitions(?::regclass, ?, ?)")) {
      statement.setString(1, table);
      statement.setDate(2, Date.valueOf(first));
      statement.setDate(3, Date.valueOf(last));
      statement.execute();
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot create day partitions [table=" + table + ", from=" + first + ", to=" + last + "]",
          e);
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      knownDays(dataSource).add(table + "/" + day);
    }
  }

  /** Whether this process has made sure that {@code table} has a partition for {@code day}. */
  public static boolean isKnown(DataSource dataSource, String table, LocalDate day) {
    return knownDays(dataSource).contains(table + "/" + day);
  }

  private static Set<String> knownDays(DataSource dataSource) {
    return known.computeIfAbsent(dataSource, d -> ConcurrentHashMap.newKeySet());
  }
}
