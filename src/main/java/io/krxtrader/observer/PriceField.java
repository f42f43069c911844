package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A price in KRW for a NUMERIC(15,4) column: whole KRW as a {@code long} (the usual case), a
 * decimal as an exact {@link BigDecimal}. Never a double.
 */
final class PriceField {

  /** NUMERIC(15,4) holds values below 10^11. */
  private static final long LIMIT = 100_000_000_000L;

  private static final BigDecimal DECIMAL_LIMIT = BigDecimal.valueOf(LIMIT);

  boolean present;
  long whole;
  BigDecimal decimal;

  void clear() {
    present = false;
    decimal = null;
  }

  /** Reads a number token; returns a reject reason or null. JSON null counts as absent. */
  String read(JsonParser parser, JsonToken token, String name) throws IOException {
    switch (token) {
      case VALUE_NULL -> {
        present = false;
        return null;
      }
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return "value out of range [field=" + name + ", value=" + parser.getText() + "]";
        }
        long value = parser.getLongValue();
        if (value < 0) {
          return "negative price [field=" + name + ", value=" + value + "]";
        }
        if (value >= LIMIT) {
          return "value out of range [field=" + name + ", value=" + value + "]";
        }
        whole = value;
        decimal = null;
        present = true;
        return null;
      }
      case VALUE_NUMBER_FLOAT -> {
        BigDecimal value = parser.getDecimalValue();
        if (value.signum() < 0) {
          return "negative price [field=" + name + ", value=" + value.toPlainString() + "]";
        }
        if (value.compareTo(DECIMAL_LIMIT) >= 0) {
          return "value out of range [field=" + name + ", value=" + parser.getText() + "]";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
          whole = stripped.longValueExact();
          decimal = null;
        } else {
          decimal = stripped;
        }
        present = true;
        return null;
      }
      default -> {
        return "wrong type [field=" + name + ", expected=number]";
      }
    }
  }

  /** Compares two present prices exactly. */
  int compareTo(PriceField other) {
    if (decimal == null && other.decimal == null) {
      return Long.compare(whole, other.whole);
    }
    return asDecimal().compareTo(other.asDecimal());
  }

  BigDecimal asDecimal() {
    return decimal != null ? decimal : BigDecimal.valueOf(whole);
  }

  /** The value scaled by 10,000 (NUMERIC(15,4) rounds to 4 places, half away from zero). */
  long scaled() {
    return decimal == null
        ? whole * 10_000
        : decimal.setScale(4, java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  /** The value in whole KRW, a decimal rounded half up. */
  long rounded() {
    return decimal == null
        ? whole
        : decimal.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  String text() {
    return decimal != null ? decimal.toPlainString() : Long.toString(whole);
  }

  void write(CopyText out) {
    if (!present) {
      out.nullValue();
    } else if (decimal == null) {
      out.number(whole);
    } else {
      out.decimal(decimal);
    }
  }
}
