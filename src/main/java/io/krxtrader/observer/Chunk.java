package io.krxtrader.observer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One transaction's worth of a file: complete lines from {@code startOffset} to {@code endOffset},
 * parsed into COPY rows, plus what the transaction must also record (rejects, touched days and
 * minutes, the content hash up to {@code endOffset}). It is kept until its transaction commits, so
 * a retry sends the same rows without reading the file again.
 */
final class Chunk {

  final int fileId;
  final CopyText copy;
  final MinuteKeys minutes = new MinuteKeys();
  final List<Reject> rejects = new ArrayList<>();

  long startOffset;
  long endOffset;

  /** 1-based number of the chunk's first line in the file. */
  long firstLine;

  long lines;
  long rows;
  byte[] contentSha256;

  /** No complete line is left between {@code endOffset} and the size the load started with. */
  boolean atEnd;

  private long[] days = new long[4];
  private int dayCount;

  Chunk(int fileId, int initialCapacity) {
    this.fileId = fileId;
    this.copy = new CopyText(initialCapacity);
  }

  void reset(long startOffset, long firstLine) {
    this.startOffset = startOffset;
    this.endOffset = startOffset;
    this.firstLine = firstLine;
    lines = 0;
    rows = 0;
    contentSha256 = null;
    atEnd = false;
    copy.clear();
    minutes.clear();
    rejects.clear();
    dayCount = 0;
  }

  /** Records the KST day (epoch day) of a tick, whose partition must exist before the COPY. */
  void touchDay(long epochDay) {
    for (int i = dayCount - 1; i >= 0; i--) {
      if (days[i] == epochDay) {
        return;
      }
    }
    if (dayCount == days.length) {
      days = Arrays.copyOf(days, dayCount * 2);
    }
    days[dayCount++] = epochDay;
  }

  long[] days() {
    return Arrays.copyOf(days, dayCount);
  }

  long lineNumberOf(long lineIndexInChunk) {
    return firstLine + lineIndexInChunk;
  }
}
