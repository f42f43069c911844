package io.krxtrader.observer;

import java.util.ArrayList;
import java.util.List;

/**
 * One transaction's worth of a file: complete lines from {@code startOffset} to {@code endOffset},
 * streamed into COPY as they are parsed, plus what the transaction must also record (rejects, the
 * touched minutes' partial 1-minute bars, the content hash up to {@code endOffset}). The rows pass
 * through {@link #copy} a few hundred kilobytes at a time, so a chunk's memory does not grow with
 * its lines.
 */
final class Chunk {

  /** No day: the last row was not a tick. */
  static final long NO_DAY = Long.MIN_VALUE;

  final int fileId;
  final CopyText copy;
  final MinuteBarDeltas bars = new MinuteBarDeltas();
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

  /**
   * The KST day of a tick that stopped the chunk because its partition may not exist yet: it is
   * created between transactions, and the tick goes into the next chunk. {@link #NO_DAY} if none.
   */
  long blockedDay = NO_DAY;

  /** The KST day (epoch day) of the last tick parsed. */
  long lastRowDay = NO_DAY;

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
    blockedDay = NO_DAY;
    lastRowDay = NO_DAY;
    copy.clear();
    bars.clear();
    rejects.clear();
  }

  /** Records the KST day (epoch day) of a tick, whose partition must exist before the COPY. */
  void touchDay(long epochDay) {
    lastRowDay = epochDay;
  }
}
