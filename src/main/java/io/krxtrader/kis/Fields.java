package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.OrderSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One JSON object of a KIS answer, read case-insensitively (quotation outputs are lower case, order
 * outputs upper case, whatever the documentation says) and with KIS's number strings turned into
 * exact numbers: {@code "62700"} to a {@code long}, {@code "65735.37"} to a {@code BigDecimal},
 * {@code ""} to zero. Naver's formatted numbers ({@code "268,500"}) parse too.
 */
final class Fields {

  private final Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final JsonNode node;

  private Fields(JsonNode node) {
    this.node = node;
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        values.put(field.getKey(), field.getValue());
      }
    }
  }

  static Fields of(JsonNode node) {
    return new Fields(node);
  }

  /** The object as JSON text, as it came ({@code "{}"} when there was none). */
  String json() {
    return node == null ? "{}" : node.toString();
  }

  /** The field names, comma-separated, for error messages that name the shape seen. */
  String names() {
    return String.join(",", values.keySet());
  }

  boolean has(String name) {
    return values.containsKey(name) && !values.get(name).isNull();
  }

  String text(String name) {
    JsonNode node = values.get(name);
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** The value without KIS's space padding. */
  String trimmed(String name) {
    return text(name).strip();
  }

  long longValue(String name) {
    JsonNode node = values.get(name);
    if (node != null && node.isIntegralNumber()) {
      return node.longValue();
    }
    return whole(
        text(name),
        raw ->
            new KisException(
                "not a whole number in a KIS answer [field="
                    + name.toLowerCase(Locale.ROOT)
                    + ", value="
                    + raw
                    + "]"));
  }

  BigDecimal decimal(String name) {
    JsonNode node = values.get(name);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    return exact(
        text(name),
        raw ->
            new KisException(
                "not a number in a KIS answer [field="
                    + name.toLowerCase(Locale.ROOT)
                    + ", value="
                    + raw
                    + "]"));
  }

  Optional<Fields> object(String name) {
    JsonNode node = values.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isArray()) {
      return node.isEmpty() ? Optional.empty() : Optional.of(new Fields(node.get(0)));
    }
    return Optional.of(new Fields(node));
  }

  /** An array of objects; a single object counts as a one-element array, absent as empty. */
  List<Fields> list(String name) {
    JsonNode node = values.get(name);
    List<Fields> rows = new ArrayList<>();
    if (node == null || node.isNull()) {
      return rows;
    }
    if (node.isArray()) {
      node.forEach(element -> rows.add(new Fields(element)));
    } else if (node.isObject()) {
      rows.add(new Fields(node));
    }
    return rows;
  }

  /** A KRX side code from a KIS answer; an unknown code is a {@link KisException}. */
  static OrderSide side(String code) {
    return OrderSide.fromCode(code)
        .orElseThrow(
            () -> new KisException("unknown side code in a KIS answer [value=" + code + "]"));
  }

  /**
   * KIS's number text as a whole number: {@code ""} is 0, {@code "+1,234"} 1234, {@code "12.00"}
   * 12; anything else throws {@code bad} of the cleaned text. Plain digits (the per-frame case)
   * parse without a {@code BigDecimal}.
   */
  static long whole(String text, Function<String, KisException> bad) {
    String value = cleaned(text);
    if (value.isEmpty()) {
      return 0;
    }
    if (plainDigits(value)) {
      return Long.parseLong(value);
    }
    try {
      return new BigDecimal(value).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad.apply(value);
    }
  }

  /** KIS's number text as an exact decimal ({@code ""} is 0), else {@code bad} of the text. */
  static BigDecimal exact(String text, Function<String, KisException> bad) {
    String value = cleaned(text);
    if (value.isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw bad.apply(value);
    }
  }

  /** An optional minus and at most 18 ASCII digits: always fits a long. */
  private static boolean plainDigits(String value) {
    int start = value.charAt(0) == '-' ? 1 : 0;
    if (start == value.length() || value.length() - start > 18) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String cleaned(String raw) {
    String value = raw.strip().replace(",", "");
    if (value.startsWith("+")) {
      value = value.substring(1);
    }
    return value;
  }
}
