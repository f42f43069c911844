package io.krxtrader.market;

/** The id of a {@code market.sync_jobs} row. */
public record SyncJobId(long value) {

  public SyncJobId {
    if (value <= 0) {
      throw new IllegalArgumentException("a sync job id is positive [id=" + value + "]");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
