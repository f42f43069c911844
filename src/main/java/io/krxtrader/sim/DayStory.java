package io.krxtrader.sim;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.OptionalInt;

/**
 * One scripted story for one symbol: a price path shape, given as points (a trading day relative to
 * the story day, a KST time of day, a percentage), laid over the seeded model. Between two points
 * of the same day the percentage moves linearly; before a day's first point and after its last it
 * holds (so a night is a step: the next day's first point is its opening print). The percentages
 * are of the symbol's previous close before the story's first day (its reference); the seeded model
 * only adds a damped texture ({@link DayStories#TEXTURE}) around the shape.
 *
 * @param name a short name the documentation and tests use
 * @param symbol the symbol whose prices follow the shape
 * @param historyDays the synthetic daily history the simulator serves for the symbol (empty: the
 *     usual 700 days; a few days: a recent listing, too short for an ATR(14))
 * @param expect what the story should show with the default exit configuration, in order: exit rule
 *     codes ({@code SL1}, {@code SL2}, {@code GAP}, {@code TP1}..{@code TP3}, {@code TRAIL}, {@code
 *     BE}), {@code REENTRY} (the price recovers after the stop for a re-entry), {@code REJECT} (a
 *     pick must be refused by the router's gate 3, price near the upper limit)
 * @param points the shape, in time order
 */
public record DayStory(
    String name, Symbol symbol, OptionalInt historyDays, List<String> expect, List<Point> points) {

  /**
   * One point of the shape: {@code pct} % from the reference at {@code time} (KST) on the trading
   * day {@code day} relative to the story day (−1 the day before, 0 the story day).
   */
  public record Point(int day, LocalTime time, BigDecimal pct) implements Comparable<Point> {
    @Override
    public int compareTo(Point other) {
      return day != other.day ? Integer.compare(day, other.day) : time.compareTo(other.time);
    }
  }

  public DayStory {
    points = List.copyOf(points);
    expect = List.copyOf(expect);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a story needs at least one point [story=" + name + "]");
    }
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).compareTo(points.get(i - 1)) <= 0) {
        throw new IllegalArgumentException(
            "story points must be in time order [story=" + name + ", point=" + (i + 1) + "]");
      }
    }
  }

  /** The first day (relative to the story day) the shape covers. */
  public int firstDay() {
    return points.get(0).day();
  }

  public int lastDay() {
    return points.get(points.size() - 1).day();
  }

  /**
   * The shape's percentage on {@code day} at {@code time}: interpolated between the points around
   * it when both are on that day, else the nearest point's before it (or the first point's).
   */
  public BigDecimal pctAt(int day, LocalTime time) {
    Point at = new Point(day, time, BigDecimal.ZERO);
    Point before = null;
    Point after = null;
    for (Point point : points) {
      if (point.compareTo(at) <= 0) {
        before = point;
      } else {
        after = point;
        break;
      }
    }
    if (before == null) {
      return points.get(0).pct();
    }
    if (after == null || after.day() != before.day() || before.day() != day) {
      return before.pct();
    }
    long span = after.time().toSecondOfDay() - before.time().toSecondOfDay();
    long done = time.toSecondOfDay() - before.time().toSecondOfDay();
    return before
        .pct()
        .add(
            after
                .pct()
                .subtract(before.pct())
                .multiply(BigDecimal.valueOf(done))
                .divide(BigDecimal.valueOf(span), 6, java.math.RoundingMode.HALF_EVEN));
  }
}
