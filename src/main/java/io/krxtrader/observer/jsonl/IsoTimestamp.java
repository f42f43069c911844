package io.krxtrader.observer.jsonl;

/**
 * ISO-8601 timestamps with an offset, parsed without allocation: {@code 2026-01-22T09:31:05.120Z},
 * {@code 2026-01-22 09:31:05+09:00}, {@code +0900} or {@code +09}; 0 to 9 fraction digits. A
 * timestamp without an offset is refused: a collector's local time is ambiguous.
 *
 * <p>Results are epoch microseconds (PostgreSQL's precision); extra fraction digits are truncated.
 * Years are limited to 2000-2999 so that a typo cannot create a partition in another millennium.
 */
public final class IsoTimestamp {

  /** Returned for text that is not a valid timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  public static final long MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;
  private static final long KST_OFFSET_MICROS = 9 * 3600 * MICROS_PER_SECOND;

  private IsoTimestamp() {}

  /** Epoch microseconds of {@code text[offset, offset+length)}, or {@link #INVALID}. */
  public static long parseMicros(char[] text, int offset, int length) {
    if (length < 20) {
      return INVALID;
    }
    int i = offset;
    int end = offset + length;
    int year = digits(text, i, 4);
    int month = digits(text, i + 5, 2);
    int day = digits(text, i + 8, 2);
    int hour = digits(text, i + 11, 2);
    int minute = digits(text, i + 14, 2);
    int second = digits(text, i + 17, 2);
    char separator = text[i + 10];
    if (year < 2000
        || year > 2999
        || text[i + 4] != '-'
        || text[i + 7] != '-'
        || (separator != 'T' && separator != 't' && separator != ' ')
        || text[i + 13] != ':'
        || text[i + 16] != ':'
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return INVALID;
    }
    i += 19;
    long micros = 0;
    if (i < end && text[i] == '.') {
      i++;
      int fractionDigits = 0;
      long scale = 100_000;
      while (i < end && text[i] >= '0' && text[i] <= '9') {
        if (fractionDigits < 6) {
          micros += (text[i] - '0') * scale;
          scale /= 10;
        }
        fractionDigits++;
        i++;
      }
      if (fractionDigits == 0 || fractionDigits > 9) {
        return INVALID;
      }
    }
    if (i >= end) {
      return INVALID;
    }
    long offsetSeconds;
    char zone = text[i];
    if (zone == 'Z' || zone == 'z') {
      offsetSeconds = 0;
      i++;
    } else if (zone == '+' || zone == '-') {
      int rest = end - i - 1;
      int offsetHours;
      int offsetMinutes = 0;
      if (rest == 2) {
        offsetHours = digits(text, i + 1, 2);
      } else if (rest == 4) {
        offsetHours = digits(text, i + 1, 2);
        offsetMinutes = digits(text, i + 3, 2);
      } else if (rest == 5 && text[i + 3] == ':') {
        offsetHours = digits(text, i + 1, 2);
        offsetMinutes = digits(text, i + 4, 2);
      } else {
        return INVALID;
      }
      if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
        return INVALID;
      }
      offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * (zone == '-' ? -1 : 1);
      i = end;
    } else {
      return INVALID;
    }
    if (i != end) {
      return INVALID;
    }
    long epochDay = epochDay(year, month, day);
    long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * MICROS_PER_SECOND + micros;
  }

  /** Whether the text has more than six fraction digits (PostgreSQL would round, not truncate). */
  public static boolean hasSubMicroDigits(char[] text, int offset, int length) {
    int dot = -1;
    for (int i = offset + 19; i < offset + length; i++) {
      if (text[i] == '.') {
        dot = i;
      } else if (dot >= 0 && (text[i] < '0' || text[i] > '9')) {
        return i - dot - 1 > 6;
      }
    }
    return false;
  }

  /**
   * The instant {@code epochMicros} microseconds after the epoch (as {@link #parseMicros} counts).
   */
  public static java.time.Instant instant(long epochMicros) {
    return java.time.Instant.EPOCH.plus(epochMicros, java.time.temporal.ChronoUnit.MICROS);
  }

  /** The KST calendar day (epoch day) of an instant: the day partition it belongs to. */
  public static long kstEpochDay(long epochMicros) {
    return Math.floorDiv(epochMicros + KST_OFFSET_MICROS, MICROS_PER_DAY);
  }

  /**
   * The proleptic Gregorian date of an epoch day as {@code yyyymmdd} in one long (no allocation on
   * the loaders' and writers' hot paths): H. Hinnant's civil_from_days.
   */
  public static long civilDate(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return year * 10_000 + month * 100 + day;
  }

  static long epochDay(int year, int month, int day) {
    // days_from_civil (H. Hinnant)
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The non-negative number in {@code count} ASCII digits, or -1 if any is not a digit. */
  private static int digits(char[] text, int offset, int count) {
    int value = 0;
    for (int i = offset; i < offset + count; i++) {
      char c = text[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
