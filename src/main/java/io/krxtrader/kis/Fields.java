package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One JSON object of a KIS answer, read case-insensitively (quotation outputs are lower case, order
 * outputs upper case, whatever the documentation says) and with KIS's number strings turned into
 * exact numbers: {@code "62700"} to a {@code long}, {@code "65735.37"} to a {@code BigDecimal},
 * {@code ""} to zero. Naver's formatted numbers ({@code "268,500"}) parse too.
 */
final class Fields {

  private final Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private Fields(JsonNode node) {
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        values.put(field.getKey(), field.getValue());
      }
    }
  }

  static Fields of(JsonNode node) {
    return new Fields(node);
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
    String raw = cleaned(text(name));
    if (raw.isEmpty()) {
      return 0;
    }
    try {
      return new BigDecimal(raw).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new KisException(
          "not a whole number in a KIS answer [field="
              + name.toLowerCase(Locale.ROOT)
              + ", value="
              + raw
              + "]");
    }
  }

  BigDecimal decimal(String name) {
    JsonNode node = values.get(name);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    String raw = cleaned(text(name));
    if (raw.isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw new KisException(
          "not a number in a KIS answer [field="
              + name.toLowerCase(Locale.ROOT)
              + ", value="
              + raw
              + "]");
    }
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

  static String cleaned(String raw) {
    String value = raw.strip().replace(",", "");
    if (value.startsWith("+")) {
      value = value.substring(1);
    }
    return value;
  }
}
