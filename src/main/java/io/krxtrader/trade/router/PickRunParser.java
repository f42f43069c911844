package io.krxtrader.trade.router;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator of producer runs, whatever way they came in (CLI, watched folder, HTTP). It
 * reads the JSON format of {@code docs/pick-run.schema.json} or the CSV form ({@link PickCsv},
 * turned into the same JSON tree first), and either returns the run or every problem it found: a
 * malformed run is refused whole, nothing of it is kept.
 *
 * <p>The format's rules, checked here by hand so that each message names the pick, the field, the
 * value and what was expected: UTF-8, at most {@code maxBytes}; an object with exactly the known
 * fields; {@code producer_id} and {@code run_id} of letters, digits, {@code _ - .} (they become
 * part of the action key, whose separator is {@code :}); {@code run_date} an ISO date; {@code
 * asof_ts} an ISO instant with offset; at most {@code maxPicks} picks, one per symbol; each pick a
 * six character KRX code, side {@code LONG}, a finite numeric score, confidence LOW|MEDIUM|HIGH, an
 * optional positive integer rank, optional reasons (strings), metadata and constraints (objects).
 * The run's content hash is taken over the parsed tree, so the same run sent again with other white
 * space is still the same run. Whether the score is in the producer's range and the run is today's
 * is gate 1's business, not the format's.
 */
public final class PickRunParser {

  static final Set<String> RUN_FIELDS =
      Set.of("producer_id", "producer_name", "run_id", "run_date", "asof_ts", "picks");
  static final Set<String> PICK_FIELDS =
      Set.of("symbol", "side", "score", "confidence", "rank", "reasons", "metadata", "constraints");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_NAME = 200;
  private static final int MAX_REASON = 500;

  private final ObjectMapper mapper =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final long maxBytes;
  private final int maxPicks;

  public PickRunParser(long maxBytes, int maxPicks) {
    this.maxBytes = maxBytes;
    this.maxPicks = maxPicks;
  }

  /** With the defaults: 5 MB, 2,000 picks. */
  public static PickRunParser standard() {
    return new PickRunParser(5L * 1024 * 1024, 2_000);
  }

  /** The largest file accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The answer for a file of {@code size} bytes larger than {@link #maxBytes()}, unread. */
  public ParsedRun.Invalid tooLarge(long size) {
    return new ParsedRun.Invalid(
        List.of(RunProblem.run("file", size + " bytes", "at most " + maxBytes + " bytes")));
  }

  /**
   * Parses {@code bytes}; {@code name} (a file name, or {@code body.json}) chooses the form: CSV
   * when it ends in {@code .csv}, JSON otherwise.
   */
  public ParsedRun parse(byte[] bytes, String name) {
    if (bytes.length > maxBytes) {
      return tooLarge(bytes.length);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return invalid(RunProblem.run("file", "bytes that are not UTF-8", "UTF-8 text"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonNode tree;
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      PickCsv.Result csv = PickCsv.toTree(text, mapper);
      if (!csv.problems().isEmpty()) {
        return new ParsedRun.Invalid(csv.problems());
      }
      tree = csv.tree();
    } else {
      try {
        tree = mapper.readTree(text);
      } catch (JsonProcessingException e) {
        var where = e.getLocation();
        String at =
            where == null
                ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return invalid(
            RunProblem.run(
                "file",
                "malformed JSON" + at + " (" + e.getOriginalMessage() + ")",
                "a JSON object"));
      }
    }
    return validate(tree);
  }

  private ParsedRun validate(JsonNode tree) {
    List<RunProblem> problems = new ArrayList<>();
    if (tree == null || !tree.isObject()) {
      return invalid(RunProblem.run("file", describe(tree), "a JSON object"));
    }
    unknownFields(tree, RUN_FIELDS, -1, problems);
    String producerId = identifier(tree, "producer_id", problems);
    Optional<String> producerName = Optional.empty();
    JsonNode name = tree.get("producer_name");
    if (name != null && !name.isNull()) {
      if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME) {
        problems.add(
            RunProblem.run(
                "producer_name", describe(name), "a text of 1 to " + MAX_NAME + " characters"));
      } else {
        producerName = Optional.of(name.asText());
      }
    }
    String runId = identifier(tree, "run_id", problems);
    LocalDate runDate = null;
    JsonNode date = tree.get("run_date");
    try {
      if (date == null || !date.isTextual()) {
        throw new DateTimeParseException("not text", "", 0);
      }
      runDate = LocalDate.parse(date.asText());
    } catch (DateTimeParseException e) {
      problems.add(RunProblem.run("run_date", describe(date), "a date such as 2026-01-22"));
    }
    Instant asof = null;
    JsonNode asofNode = tree.get("asof_ts");
    try {
      if (asofNode == null || !asofNode.isTextual()) {
        throw new DateTimeParseException("not text", "", 0);
      }
      asof = OffsetDateTime.parse(asofNode.asText()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(
          RunProblem.run(
              "asof_ts",
              describe(asofNode),
              "a time with its offset such as 2026-01-22T08:30:00+09:00"));
    }
    List<Pick> picks = new ArrayList<>();
    JsonNode list = tree.get("picks");
    if (list == null || !list.isArray()) {
      problems.add(RunProblem.run("picks", describe(list), "an array of picks"));
    } else if (list.size() > maxPicks) {
      problems.add(
          RunProblem.run("picks", list.size() + " picks", "at most " + maxPicks + " picks"));
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Pick pick = pick(list.get(i), i, problems);
        if (pick != null) {
          Integer first = seen.putIfAbsent(pick.symbol().code(), i);
          if (first != null) {
            problems.add(
                RunProblem.pick(
                    i,
                    "symbol",
                    pick.symbol().code(),
                    "one pick per symbol (picks[" + first + "] has it already)"));
          }
          picks.add(pick);
        }
      }
    }
    if (!problems.isEmpty()) {
      return new ParsedRun.Invalid(problems);
    }
    return new ParsedRun.Valid(
        new PickRun(
            producerId,
            producerName,
            runId,
            runDate,
            asof,
            picks,
            canonicalHash(producerId, producerName, runId, runDate, asof, picks)));
  }

  private Pick pick(JsonNode node, int i, List<RunProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(RunProblem.pick(i, "(pick)", describe(node), "an object"));
      return null;
    }
    int before = problems.size();
    unknownFields(node, PICK_FIELDS, i, problems);
    JsonNode symbolNode = node.get("symbol");
    Symbol symbol = null;
    if (symbolNode != null && symbolNode.isTextual() && Symbol.isValid(symbolNode.asText())) {
      symbol = Symbol.of(symbolNode.asText());
    } else {
      problems.add(
          RunProblem.pick(
              i, "symbol", describe(symbolNode), "a KRX code: six upper-case letters or digits"));
    }
    JsonNode side = node.get("side");
    if (side == null || !side.isTextual() || !side.asText().equals("LONG")) {
      problems.add(RunProblem.pick(i, "side", describe(side), "LONG"));
    }
    JsonNode scoreNode = node.get("score");
    BigDecimal score = null;
    if (scoreNode != null && scoreNode.isNumber() && Double.isFinite(scoreNode.doubleValue())) {
      score = scoreNode.decimalValue();
    } else {
      problems.add(RunProblem.pick(i, "score", describe(scoreNode), "a number"));
    }
    JsonNode confidenceNode = node.get("confidence");
    Confidence confidence = null;
    if (confidenceNode != null && confidenceNode.isTextual()) {
      for (Confidence c : Confidence.values()) {
        if (c.name().equals(confidenceNode.asText())) {
          confidence = c;
        }
      }
    }
    if (confidence == null) {
      problems.add(
          RunProblem.pick(i, "confidence", describe(confidenceNode), "LOW, MEDIUM or HIGH"));
    }
    OptionalInt rank = OptionalInt.empty();
    JsonNode rankNode = node.get("rank");
    if (rankNode != null && !rankNode.isNull()) {
      if (rankNode.isIntegralNumber() && rankNode.canConvertToInt() && rankNode.intValue() >= 1) {
        rank = OptionalInt.of(rankNode.intValue());
      } else {
        problems.add(RunProblem.pick(i, "rank", describe(rankNode), "a whole number from 1"));
      }
    }
    List<String> reasons = new ArrayList<>();
    JsonNode reasonsNode = node.get("reasons");
    if (reasonsNode != null && !reasonsNode.isNull()) {
      if (!reasonsNode.isArray()) {
        problems.add(RunProblem.pick(i, "reasons", describe(reasonsNode), "an array of texts"));
      } else {
        for (int r = 0; r < reasonsNode.size(); r++) {
          JsonNode reason = reasonsNode.get(r);
          if (reason.isTextual() && reason.asText().length() <= MAX_REASON) {
            reasons.add(reason.asText());
          } else {
            problems.add(
                RunProblem.pick(
                    i,
                    "reasons[" + r + "]",
                    describe(reason),
                    "a text of at most " + MAX_REASON + " characters"));
          }
        }
      }
    }
    String metadata = object(node, "metadata", i, problems);
    String constraints = object(node, "constraints", i, problems);
    if (problems.size() > before) {
      return null;
    }
    return new Pick(symbol, score, confidence, rank, reasons, metadata, constraints);
  }

  private String object(JsonNode pick, String field, int i, List<RunProblem> problems) {
    JsonNode node = pick.get(field);
    if (node == null || node.isNull()) {
      return "{}";
    }
    if (!node.isObject()) {
      problems.add(RunProblem.pick(i, field, describe(node), "a JSON object"));
      return "{}";
    }
    return node.toString();
  }

  private String identifier(JsonNode tree, String field, List<RunProblem> problems) {
    JsonNode node = tree.get(field);
    if (node != null && node.isTextual() && IDENTIFIER.matcher(node.asText()).matches()) {
      return node.asText();
    }
    problems.add(RunProblem.run(field, describe(node), "1 to 64 letters, digits, '_', '-' or '.'"));
    return null;
  }

  private static void unknownFields(
      JsonNode node, Set<String> known, int pickIndex, List<RunProblem> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        String expected = "one of " + String.join(", ", known.stream().sorted().toList());
        problems.add(
            pickIndex < 0
                ? RunProblem.run(field, "an unknown field", expected)
                : RunProblem.pick(pickIndex, field, "an unknown field", expected));
      }
    }
  }

  /** A value as a person reads it in a message: JSON text for values, a word for absence. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing (the field is missing)";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.toString();
  }

  private static ParsedRun invalid(RunProblem problem) {
    return new ParsedRun.Invalid(List.of(problem));
  }

  /**
   * The run's content, whatever its form (JSON or CSV, white space, field order, 71 or 71.0): one
   * line per field in a fixed order.
   */
  private static String canonicalHash(
      String producerId,
      Optional<String> producerName,
      String runId,
      LocalDate runDate,
      Instant asof,
      List<Pick> picks) {
    StringBuilder text = new StringBuilder();
    text.append(producerId).append('\n').append(producerName.orElse("")).append('\n');
    text.append(runId).append('\n').append(runDate).append('\n').append(asof).append('\n');
    for (Pick pick : picks) {
      text.append(pick.symbol())
          .append('\t')
          .append(pick.score().stripTrailingZeros().toPlainString())
          .append('\t')
          .append(pick.confidence())
          .append('\t')
          .append(pick.rank().isPresent() ? Integer.toString(pick.rank().getAsInt()) : "")
          .append('\t')
          .append(String.join("\u001f", pick.reasons()))
          .append('\t')
          .append(pick.metadata())
          .append('\t')
          .append(pick.constraints())
          .append('\n');
    }
    return hash(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
