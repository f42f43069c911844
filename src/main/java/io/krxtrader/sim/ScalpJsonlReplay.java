package io.krxtrader.sim;

import io.krxtrader.observer.ScalpFileReader;
import io.krxtrader.observer.jsonl.ScalpRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Replays Track B files ({@code scalp/YYYYMMDD_HHMM.jsonl} under a directory) through the
 * observer's reader, so a replay accepts exactly the lines the loader accepts. A slot's record is
 * one observation: its last trade price, its book (0 where the record has none) and the volume of
 * the slot.
 */
public final class ScalpJsonlReplay implements RecordedMarket {

  private final ScalpFileReader reader;

  public ScalpJsonlReplay(Path directory) {
    this.reader = ScalpFileReader.open(directory);
  }

  @Override
  public Optional<RecordedTick> next() {
    return reader.next().map(ScalpJsonlReplay::tick);
  }

  private static RecordedTick tick(ScalpRecord r) {
    return new RecordedTick(
        r.eventTime(),
        r.symbol(),
        r.lastPrice(),
        r.bid().orElse(0),
        r.ask().orElse(0),
        r.bidSize().orElse(0),
        r.askSize().orElse(0),
        r.volume());
  }

  @Override
  public void close() {
    reader.close();
  }
}
