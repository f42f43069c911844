package io.krxtrader.web;

import io.javalin.http.Context;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.CoverageGrade;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads and validates a request's parameters; a bad one is a 400 that names it. */
final class Params {

  /** A parameter that is missing or malformed: answered with 400 and its name. */
  static final class BadParameter extends RuntimeException {
    private final String parameter;
    private final String expected;

    BadParameter(String parameter, String expected) {
      super("bad parameter " + parameter + ": expected " + expected);
      this.parameter = parameter;
      this.expected = expected;
    }

    String parameter() {
      return parameter;
    }

    String expected() {
      return expected;
    }
  }

  private final Context ctx;
  private final Instant now;

  Params(Context ctx, Instant now) {
    this.ctx = ctx;
    this.now = now;
  }

  private Optional<String> query(String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  Symbol symbolPath(String name) {
    return symbol(name, ctx.pathParam(name));
  }

  Symbol symbolQuery(String name) {
    return symbol(name, query(name).orElseThrow(() -> new BadParameter(name, "a symbol")));
  }

  /** A comma-separated list of symbols; empty when absent. */
  List<Symbol> symbols(String name) {
    List<Symbol> symbols = new ArrayList<>();
    for (String code : query(name).map(v -> v.split(",")).orElse(new String[0])) {
      symbols.add(symbol(name, code.strip()));
    }
    return symbols;
  }

  private static Symbol symbol(String name, String code) {
    if (!Symbol.isValid(code)) {
      throw new BadParameter(name, "a six-character symbol code such as 005930");
    }
    return Symbol.of(code);
  }

  /** A path parameter as text (1 to 100 letters, digits, '-', '_' or '.'). */
  String text(String name) {
    String value = ctx.pathParam(name);
    if (!value.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new BadParameter(name, "1 to 100 letters, digits, '-', '_' or '.'");
    }
    return value;
  }

  UUID uuidPath(String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException e) {
      throw new BadParameter(name, "a UUID");
    }
  }

  long longPath(String name) {
    try {
      long value = Long.parseLong(ctx.pathParam(name));
      if (value <= 0) {
        throw new BadParameter(name, "a positive whole number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadParameter(name, "a positive whole number");
    }
  }

  /** The KST day in {@code name}, today's when absent. */
  LocalDate date(String name) {
    return optionalDate(name).orElse(TradingCalendar.kstDate(now));
  }

  Optional<LocalDate> optionalDate(String name) {
    return query(name)
        .map(
            raw -> {
              try {
                return LocalDate.parse(raw);
              } catch (DateTimeParseException e) {
                throw new BadParameter(name, "a date YYYY-MM-DD");
              }
            });
  }

  /** An instant: ISO-8601 with an offset, or a local date-time read as KST. */
  Optional<Instant> time(String name) {
    return query(name)
        .map(
            raw -> {
              try {
                return OffsetDateTime.parse(raw).toInstant();
              } catch (DateTimeParseException withoutOffset) {
                try {
                  return LocalDateTime.parse(raw).atZone(TradingCalendar.KST).toInstant();
                } catch (DateTimeParseException e) {
                  throw new BadParameter(
                      name, "an ISO-8601 time such as 2026-12-03T09:00:00+09:00");
                }
              }
            });
  }

  int limit(String name, int fallback, int max) {
    return optionalInt(name, 1, max).orElse(fallback);
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    return query(name)
        .map(
            raw -> {
              try {
                int value = Integer.parseInt(raw);
                if (value < min || value > max) {
                  throw new BadParameter(name, "a whole number from " + min + " to " + max);
                }
                return value;
              } catch (NumberFormatException e) {
                throw new BadParameter(name, "a whole number from " + min + " to " + max);
              }
            });
  }

  boolean flag(String name) {
    Optional<String> raw = query(name);
    if (raw.isEmpty()) {
      return false;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadParameter(name, "true or false");
    };
  }

  Optional<CoverageGrade> grade(String name) {
    return query(name)
        .map(
            raw -> {
              try {
                return CoverageGrade.valueOf(raw.toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new BadParameter(name, "a grade A, B, C or D");
              }
            });
  }

  Optional<String> oneOf(String name, List<String> allowed) {
    Optional<String> raw = query(name);
    if (raw.isPresent() && !allowed.contains(raw.get())) {
      throw new BadParameter(name, "one of " + String.join(", ", allowed));
    }
    return raw;
  }
}
