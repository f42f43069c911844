package io.krxtrader.sim;

import io.krxtrader.krx.Symbol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The day's stories ({@link DayStory}) for the simulator's market, on a story day: {@link
 * #defaults} is the documented set ({@code docs/demo-day.md}, the resource {@code
 * io/krxtrader/sim/day-stories.txt}); {@link #parse} reads the same text form, one story a line:
 *
 * <pre>
 * # name         symbol history expect   points: day@HH:MM=pct ...
 * two-stage-stop 005380 -       SL1,SL2  0@09:05=0 0@09:35=-2.6 0@10:20=-4.3
 * </pre>
 *
 * {@code history} is {@code -} (the usual synthetic history) or a number of daily bars; {@code
 * expect} is {@code -} or comma-separated tokens; {@code day} is the trading day relative to the
 * story day (−1 the day before). {@code #} starts a comment.
 */
public record DayStories(LocalDate day, List<DayStory> stories) {

  /**
   * How much of the seeded model's own move is kept around a story's shape, as a power of the
   * model's ratio to its previous close: 0.1 keeps a tenth of the log return (a 3 % day of the
   * model becomes 0.3 % of texture), so a shape 0.5 % beyond a threshold crosses it whatever the
   * seed.
   */
  public static final double TEXTURE = 0.1;

  private static final String RESOURCE = "/io/krxtrader/sim/day-stories.txt";

  public DayStories {
    stories = List.copyOf(stories);
  }

  /** No stories: the plain seeded model. */
  public static DayStories none() {
    return new DayStories(LocalDate.EPOCH, List.of());
  }

  /** The documented default stories, on {@code storyDay}. */
  public static DayStories defaults(LocalDate storyDay) {
    try (InputStream in = DayStories.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(storyDay, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<DayStory> find(Symbol symbol) {
    return stories.stream().filter(s -> s.symbol().equals(symbol)).findFirst();
  }

  public Optional<DayStory> named(String name) {
    return stories.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Reads the text form (see the class comment); a bad line fails with its number. */
  public static DayStories parse(LocalDate storyDay, String text) {
    List<DayStory> stories = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        stories.add(story(line.split("\\s+")));
      } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "bad day story [line=" + (i + 1) + ", problem=" + e.getMessage() + "]", e);
      }
    }
    long symbols = stories.stream().map(DayStory::symbol).distinct().count();
    if (symbols != stories.size()) {
      throw new IllegalArgumentException("one story per symbol");
    }
    return new DayStories(storyDay, stories);
  }

  private static DayStory story(String[] fields) {
    if (fields.length < 5) {
      throw new IllegalArgumentException("expected: name symbol history expect point...");
    }
    if (!Symbol.isValid(fields[1])) {
      throw new IllegalArgumentException("not a symbol: " + fields[1]);
    }
    OptionalInt history =
        fields[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fields[2]));
    if (history.isPresent() && history.getAsInt() < 1) {
      throw new IllegalArgumentException("history must be at least 1 day");
    }
    List<String> expect = fields[3].equals("-") ? List.of() : Arrays.asList(fields[3].split(","));
    List<DayStory.Point> points = new ArrayList<>();
    for (int f = 4; f < fields.length; f++) {
      String raw = fields[f];
      int at = raw.indexOf('@');
      int eq = raw.indexOf('=');
      if (at < 1 || eq < at) {
        throw new IllegalArgumentException("a point is day@HH:MM=pct, not " + raw);
      }
      points.add(
          new DayStory.Point(
              Integer.parseInt(raw.substring(0, at)),
              LocalTime.parse(raw.substring(at + 1, eq)),
              new BigDecimal(raw.substring(eq + 1))));
    }
    return new DayStory(fields[0], Symbol.of(fields[1]), history, expect, points);
  }
}
