package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.Symbol;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays Track B scalp JSONL files ({@code scalp/YYYYMMDD_HHMM.jsonl}, format in
 * spec/02-observer.md) in file-name order, which is time order. Kept apart on purpose: the
 * observer's reader will replace this class. A line that cannot be used is skipped and counted.
 */
public final class ScalpJsonlReplay implements RecordedMarket {

  private static final Logger LOG = LoggerFactory.getLogger(ScalpJsonlReplay.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deque<Path> files;
  private BufferedReader reader;
  private Path current;
  private long skipped;

  public ScalpJsonlReplay(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      List<Path> found =
          walk.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      this.files = new ArrayDeque<>(found);
    } catch (IOException e) {
      throw new KrxTraderException("cannot list replay files [directory=" + directory + "]", e);
    }
  }

  public long skippedLines() {
    return skipped;
  }

  @Override
  public Optional<RecordedTick> next() {
    try {
      while (true) {
        if (reader == null) {
          if (files.isEmpty()) {
            return Optional.empty();
          }
          current = files.poll();
          reader = Files.newBufferedReader(current, StandardCharsets.UTF_8);
        }
        String line = reader.readLine();
        if (line == null) {
          reader.close();
          reader = null;
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        Optional<RecordedTick> tick = parse(line);
        if (tick.isPresent()) {
          return tick;
        }
        skipped++;
      }
    } catch (IOException e) {
      throw new KrxTraderException("cannot read a replay file [file=" + current + "]", e);
    }
  }

  static Optional<RecordedTick> parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      String time = node.path("event_time").asText(node.path("ts").asText(""));
      return Optional.of(
          new RecordedTick(
              OffsetDateTime.parse(time).toInstant(),
              Symbol.of(node.path("symbol").asText()),
              node.path("last_price").decimalValue().longValue(),
              node.path("bid_price").decimalValue().longValue(),
              node.path("ask_price").decimalValue().longValue(),
              node.path("bid_size").asLong(0),
              node.path("ask_size").asLong(0),
              node.path("volume").asLong(0)));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Skipping an unusable replay line: {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.debug("closing a replay file failed", e);
      }
    }
  }
}
