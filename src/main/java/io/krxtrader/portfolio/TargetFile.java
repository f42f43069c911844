package io.krxtrader.portfolio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import io.krxtrader.portfolio.TargetFileException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a target-weight file and checks it whole against a policy; a file with any problem is
 * rejected with all of them ({@link TargetFileException}).
 *
 * <p>CSV ({@code .csv}): a header {@code symbol,weight,effective_date}, then one row per target;
 * blank lines and lines starting with {@code #} are skipped. JSON (any other name): an array of
 * objects {@code {"symbol": "005930", "weight": 0.25, "effective_date": "2026-12-04"}} (the weight
 * a number or a string). A file may hold several effective dates; each date's weights must sum to 1
 * ± 0.01, each weight lie within the policy's [min_position_pct, max_position_pct], each symbol be
 * in the universe, and no symbol appear twice for one date.
 */
final class TargetFile {

  static final BigDecimal SUM_TOLERANCE = new BigDecimal("0.01");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private record Row(int line, String symbol, String weight, String effectiveDate) {}

  private TargetFile() {}

  static List<TargetWeight> read(Path file, Policy policy, Universe universe) {
    List<Problem> problems = new ArrayList<>();
    List<Row> rows;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      rows =
          file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
              ? csv(file, text, problems)
              : json(file, text, problems);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read target file [file=" + file + "]", e);
    }
    List<TargetWeight> targets = check(file, rows, policy, universe, problems);
    if (!problems.isEmpty()) {
      throw new TargetFileException(problems);
    }
    return targets;
  }

  private static List<Row> csv(Path file, String text, List<Problem> problems) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    boolean header = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (!header) {
        header = true;
        List<String> names = java.util.Arrays.stream(fields).map(String::strip).toList();
        if (!names.equals(List.of("symbol", "weight", "effective_date"))) {
          problems.add(
              new Problem(
                  file, i + 1, "header", "expected symbol,weight,effective_date, found " + line));
          return rows;
        }
        continue;
      }
      if (fields.length != 3) {
        problems.add(new Problem(file, i + 1, "row", "expected 3 fields, found " + fields.length));
        continue;
      }
      rows.add(new Row(i + 1, fields[0].strip(), fields[1].strip(), fields[2].strip()));
    }
    if (!header) {
      problems.add(new Problem(file, 0, "header", "the file is empty"));
    }
    return rows;
  }

  private static List<Row> json(Path file, String text, List<Problem> problems) {
    List<Row> rows = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        problems.add(new Problem(file, 1, "file", "expected a JSON array of targets"));
        return rows;
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        int line = parser.currentLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        rows.add(
            new Row(
                line, text(node, "symbol"), text(node, "weight"), text(node, "effective_date")));
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        problems.add(
            new Problem(
                file,
                parser.currentLocation().getLineNr(),
                "row",
                "expected an object with symbol, weight and effective_date"));
      }
    } catch (JsonProcessingException e) {
      problems.add(
          new Problem(
              file,
              e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
              "file",
              "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read target file [file=" + file + "]", e);
    }
    return rows;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText().strip();
  }

  private static List<TargetWeight> check(
      Path file, List<Row> rows, Policy policy, Universe universe, List<Problem> problems) {
    List<TargetWeight> targets = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<LocalDate, BigDecimal> sums = new TreeMap<>();
    for (Row row : rows) {
      Optional<Symbol> symbol = Optional.empty();
      if (!Symbol.isValid(row.symbol())) {
        problems.add(
            new Problem(
                file,
                row.line(),
                "symbol",
                "a symbol is six upper-case letters or digits, found '" + row.symbol() + "'"));
      } else if (universe.find(Symbol.of(row.symbol())).isEmpty()) {
        problems.add(new Problem(file, row.line(), "symbol", "unknown symbol " + row.symbol()));
      } else {
        symbol = Optional.of(Symbol.of(row.symbol()));
      }
      Optional<BigDecimal> weight = Optional.empty();
      try {
        BigDecimal value = new BigDecimal(row.weight());
        if (value.compareTo(policy.maxPositionPct()) > 0) {
          problems.add(
              new Problem(
                  file,
                  row.line(),
                  "weight",
                  value.toPlainString()
                      + " is over max_position_pct "
                      + policy.maxPositionPct().toPlainString()));
        } else if (value.compareTo(policy.minPositionPct()) < 0) {
          problems.add(
              new Problem(
                  file,
                  row.line(),
                  "weight",
                  value.toPlainString()
                      + " is under min_position_pct "
                      + policy.minPositionPct().toPlainString()));
        } else if (value.signum() <= 0) {
          problems.add(new Problem(file, row.line(), "weight", "a weight must be positive"));
        } else {
          weight = Optional.of(value);
        }
      } catch (NumberFormatException e) {
        problems.add(
            new Problem(file, row.line(), "weight", "not a number: '" + row.weight() + "'"));
      }
      Optional<LocalDate> date = Optional.empty();
      try {
        date = Optional.of(LocalDate.parse(row.effectiveDate()));
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem(
                file,
                row.line(),
                "effective_date",
                "expected YYYY-MM-DD, found '" + row.effectiveDate() + "'"));
      }
      if (date.isPresent()) {
        String key = row.symbol() + "@" + date.get();
        Integer first = seen.putIfAbsent(key, row.line());
        if (first != null) {
          problems.add(
              new Problem(
                  file,
                  row.line(),
                  "symbol",
                  "duplicate: "
                      + row.symbol()
                      + " for "
                      + date.get()
                      + " already on line "
                      + first));
          continue;
        }
        BigDecimal counted = weight.orElseGet(() -> parsedOrZero(row.weight()));
        sums.merge(date.get(), counted, BigDecimal::add);
      }
      if (symbol.isPresent() && weight.isPresent() && date.isPresent()) {
        targets.add(new TargetWeight(symbol.get(), weight.get(), date.get()));
      }
    }
    sums.forEach(
        (date, sum) -> {
          if (sum.subtract(BigDecimal.ONE).abs().compareTo(SUM_TOLERANCE) > 0) {
            problems.add(
                new Problem(
                    file,
                    0,
                    "weight",
                    "the weights for "
                        + date
                        + " sum to "
                        + sum.toPlainString()
                        + ", not 1 ± "
                        + SUM_TOLERANCE.toPlainString()));
          }
        });
    if (rows.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(file, 0, "file", "no targets"));
    }
    return targets;
  }

  private static BigDecimal parsedOrZero(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
