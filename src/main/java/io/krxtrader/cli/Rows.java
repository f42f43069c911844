package io.krxtrader.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krxtrader.TextTable;
import io.krxtrader.krx.TradingCalendar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query results as named columns, printed as a table, JSON (an array of objects, numbers as
 * numbers) or CSV (RFC 4180, a header line). Instants print in KST with their offset; prices
 * without trailing zeros.
 */
final class Rows {

  private static final DateTimeFormatter KST_TIME =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(TradingCalendar.KST);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private final List<String> columns;
  private final List<Object[]> rows = new ArrayList<>();
  private final boolean[] numeric;

  Rows(String... columns) {
    this.columns = List.of(columns);
    this.numeric = new boolean[columns.length];
  }

  Rows add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values for " + columns.size() + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Number) {
        numeric[i] = true;
      }
    }
    rows.add(values);
    return this;
  }

  void print(PrintWriter out, OutputFormat format) {
    switch (format) {
      case TABLE -> table(out);
      case JSON -> json(out);
      case CSV -> csv(out);
    }
    out.flush();
  }

  private void table(PrintWriter out) {
    TextTable table = new TextTable(columns.toArray(String[]::new));
    List<Integer> right = new ArrayList<>();
    for (int i = 0; i < numeric.length; i++) {
      if (numeric[i]) {
        right.add(i);
      }
    }
    table.rightAlign(right.stream().mapToInt(Integer::intValue).toArray());
    for (Object[] row : rows) {
      Object[] cells = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        cells[i] = text(row[i]);
      }
      table.row(cells);
    }
    table.print(out, "");
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private void json(PrintWriter out) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object[] row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        Object value = row[i];
        object.put(
            columns.get(i),
            value instanceof Instant || value instanceof Enum<?> ? text(value) : plain(value));
      }
      objects.add(object);
    }
    try {
      out.println(JSON.writeValueAsString(objects));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void csv(PrintWriter out) {
    out.println(String.join(",", columns.stream().map(Rows::csvField).toList()));
    for (Object[] row : rows) {
      List<String> fields = new ArrayList<>();
      for (Object value : row) {
        fields.add(csvField(text(value)));
      }
      out.println(String.join(",", fields));
    }
  }

  private static Object plain(Object value) {
    return value instanceof BigDecimal decimal ? decimal.stripTrailingZeros() : value;
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    } else if (value instanceof Instant instant) {
      return KST_TIME.format(instant);
    } else if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    } else if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.3f", d);
    }
    return value.toString();
  }

  private static String csvField(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
