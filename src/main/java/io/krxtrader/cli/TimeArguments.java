package io.krxtrader.cli;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Times on the command line: a KST date ({@code 2026-01-05}: the whole day), a KST date-time
 * ({@code 2026-01-05T09:30}) or an ISO-8601 instant with an offset ({@code 2026-01-05T00:30:00Z}).
 * A {@code --to} date includes its whole day.
 */
final class TimeArguments {

  private TimeArguments() {}

  /** The start of a range: a date's first instant. */
  static Instant from(String text, CommandLine command) {
    return parse(text, false, command);
  }

  /** The end of a range (exclusive): a date's day is included. */
  static Instant to(String text, CommandLine command) {
    return parse(text, true, command);
  }

  /**
   * {@code --from}/{@code --to} as a range; {@code --to} defaults to the end of the {@code --from}
   * day (KST).
   */
  static TimeRange range(String from, Optional<String> to, CommandLine command) {
    Instant start = from(from, command);
    Instant end =
        to.map(t -> to(t, command))
            .orElseGet(
                () ->
                    TradingCalendar.kstDate(start)
                        .plusDays(1)
                        .atStartOfDay(TradingCalendar.KST)
                        .toInstant());
    if (!start.isBefore(end)) {
      throw new CommandLine.ParameterException(
          command, "--to must be after --from [from=" + from + ", to=" + to.orElse("") + "]");
    }
    return new TimeRange(start, end);
  }

  /** A {@code --from} day, or a day before any data when it is absent. */
  static LocalDate firstDay(String text, CommandLine command) {
    return text == null ? LocalDate.of(2000, 1, 1) : date(text, command);
  }

  /** A {@code --to} day, or a day after any data when it is absent. */
  static LocalDate lastDay(String text, CommandLine command) {
    return text == null ? LocalDate.of(2999, 12, 31) : date(text, command);
  }

  private static LocalDate date(String text, CommandLine command) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          command, "not a date, expected YYYY-MM-DD [value=" + text + "]");
    }
  }

  private static Instant parse(String text, boolean end, CommandLine command) {
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return (end ? date.plusDays(1) : date).atStartOfDay(TradingCalendar.KST).toInstant();
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(text).atZone(TradingCalendar.KST).toInstant();
      }
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          command,
          "not a time, expected a KST date (2026-01-05), a KST date-time (2026-01-05T09:30)"
              + " or an instant with an offset (2026-01-05T00:30:00Z) [value="
              + text
              + "]");
    }
  }
}
