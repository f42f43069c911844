package io.krxtrader.trade.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV form of a run: a header row, then one row per pick (RFC 4180: comma-separated, fields
 * with commas, quotes or line breaks in double quotes, a quote doubled). Columns, in any order:
 * {@code producer_id, producer_name, run_id, run_date, asof_ts} (the run: the same in every row),
 * {@code symbol, side, score, confidence, rank, reasons, metadata, constraints} (the pick; {@code
 * reasons} separated by {@code |}, {@code metadata} and {@code constraints} JSON object text). It
 * becomes the JSON tree of the JSON form, which {@link PickRunParser} then validates the same way,
 * so both forms have one set of rules.
 */
final class PickCsv {

  private static final List<String> RUN_COLUMNS =
      List.of("producer_id", "producer_name", "run_id", "run_date", "asof_ts");

  record Result(JsonNode tree, List<RunProblem> problems) {}

  private PickCsv() {}

  static Result toTree(String text, ObjectMapper mapper) {
    List<RunProblem> problems = new ArrayList<>();
    List<List<String>> rows = rows(text, problems);
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    if (rows.isEmpty()) {
      return new Result(null, List.of(RunProblem.run("file", "an empty file", "a header row")));
    }
    List<String> header = rows.get(0);
    Map<String, Integer> column = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c).trim();
      if (!RUN_COLUMNS.contains(name) && !PickRunParser.PICK_FIELDS.contains(name)) {
        problems.add(RunProblem.run("header column " + (c + 1), name, "a known column name"));
      } else if (column.putIfAbsent(name, c) != null) {
        problems.add(RunProblem.run("header column " + (c + 1), name, "each column once"));
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    ObjectNode run = mapper.createObjectNode();
    ArrayNode picks = run.putArray("picks");
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int pickIndex = r - 1;
      if (row.size() != header.size()) {
        problems.add(
            RunProblem.pick(
                pickIndex,
                "(row " + (r + 1) + ")",
                row.size() + " columns",
                header.size() + " columns as in the header"));
        continue;
      }
      for (String name : RUN_COLUMNS) {
        Integer c = column.get(name);
        if (c == null || row.get(c).isEmpty()) {
          continue;
        }
        String value = row.get(c);
        if (!run.has(name)) {
          run.put(name, value);
        } else if (!run.get(name).asText().equals(value)) {
          problems.add(
              RunProblem.pick(
                  pickIndex,
                  name,
                  value,
                  "the same value in every row: " + run.get(name).asText()));
        }
      }
      ObjectNode pick = picks.addObject();
      for (String name : PickRunParser.PICK_FIELDS) {
        Integer c = column.get(name);
        if (c == null || row.get(c).isEmpty()) {
          continue;
        }
        String value = row.get(c);
        switch (name) {
          case "score", "rank" -> pick.set(name, number(value, mapper));
          case "reasons" -> {
            ArrayNode reasons = pick.putArray(name);
            for (String reason : value.split("\\|", -1)) {
              reasons.add(reason);
            }
          }
          case "metadata", "constraints" -> pick.set(name, json(value, mapper));
          default -> pick.put(name, value);
        }
      }
    }
    return new Result(run, problems);
  }

  /** A number when the text is one, else the text (the validator then names it). */
  private static JsonNode number(String value, ObjectMapper mapper) {
    try {
      BigDecimal number = new BigDecimal(value.trim());
      return number.scale() <= 0
              && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
          ? mapper.getNodeFactory().numberNode(number.intValueExact())
          : mapper.getNodeFactory().numberNode(number);
    } catch (NumberFormatException | ArithmeticException e) {
      return mapper.getNodeFactory().textNode(value);
    }
  }

  private static JsonNode json(String value, ObjectMapper mapper) {
    try {
      return mapper.readTree(value);
    } catch (JsonProcessingException e) {
      return mapper.getNodeFactory().textNode(value);
    }
  }

  /** RFC 4180 rows; an unterminated quote is a problem. Empty lines are skipped. */
  static List<List<String>> rows(String text, List<RunProblem> problems) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int quoteLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          quoted = true;
          quoteLine = line;
          any = true;
        }
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
          any = true;
        }
        case '\r' -> {}
        case '\n' -> {
          line++;
          if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
          }
          row = new ArrayList<>();
          field.setLength(0);
          any = false;
        }
        default -> {
          field.append(ch);
          any = true;
        }
      }
    }
    if (quoted) {
      problems.add(
          RunProblem.run("file", "a quote opened on line " + quoteLine, "a closing quote"));
    } else if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
