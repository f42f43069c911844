package io.krxtrader.kis;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** KIS's date and time strings: {@code YYYYMMDD} and {@code HHMMSS}, KST. */
final class KisTime {

  static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private KisTime() {}

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new KisException("not a KIS date (YYYYMMDD) [value=" + text.strip() + "]");
    }
  }

  /** {@code HHMMSS}; an empty or malformed value is midnight rather than a failure. */
  static LocalTime time(String text) {
    String value = text.strip();
    if (value.length() < 6) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(value.substring(0, 6), TIME);
    } catch (DateTimeParseException e) {
      return LocalTime.MIDNIGHT;
    }
  }

  static String format(LocalDate date) {
    return date.format(DATE);
  }

  static String format(LocalTime time) {
    return time.format(TIME);
  }
}
