package io.krxtrader.observer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * Complete lines of a file region {@code [start, limit)}, read in blocks, with the SHA-256 of every
 * consumed byte. A line is complete when its newline is inside the region: the bytes after the last
 * newline (a collector still writing) are never consumed, so they are neither loaded nor hashed.
 *
 * <p>A line longer than the buffer is consumed whole (and hashed) but reported as {@link #tooLong},
 * with only its first buffer-full of bytes available.
 */
final class LineReader {

  private final FileChannel channel;
  private final long limit;
  private final MessageDigest digest;
  private final byte[] buffer;

  /** File offset of {@code buffer[0]}. */
  private long bufferOffset;

  private int position;
  private int filled;

  private boolean found;
  private int lineStart;
  private int lineLength;
  private long lineEndOffset;
  private boolean tooLong;

  LineReader(FileChannel channel, long start, long limit, MessageDigest digest, int bufferSize) {
    this.channel = channel;
    this.limit = limit;
    this.digest = digest;
    this.buffer = new byte[bufferSize];
    this.bufferOffset = start;
  }

  /** Finds the next complete line without consuming it; false when none is left in the region. */
  boolean findLine() throws IOException {
    if (found) {
      return true;
    }
    int scanFrom = position;
    while (true) {
      for (int i = scanFrom; i < filled; i++) {
        if (buffer[i] == '\n') {
          found = true;
          tooLong = false;
          lineStart = position;
          lineLength = i - position;
          lineEndOffset = bufferOffset + i + 1;
          return true;
        }
      }
      if (bufferOffset + filled >= limit) {
        return false;
      }
      if (position == 0 && filled == buffer.length) {
        return findLongLine();
      }
      compact();
      scanFrom = filled;
      if (!fill()) {
        return false;
      }
    }
  }

  /** The digest of everything consumed so far. */
  MessageDigest digest() {
    return digest;
  }

  byte[] bytes() {
    return buffer;
  }

  int lineStart() {
    return lineStart;
  }

  /** The line's length without its newline (only the first buffer-full of a long line). */
  int lineLength() {
    return lineLength;
  }

  boolean tooLong() {
    return tooLong;
  }

  /** File offset just after the found line's newline. */
  long lineEndOffset() {
    return lineEndOffset;
  }

  /** Consumes the found line: it is hashed and the reader moves past it. */
  void consume() throws IOException {
    if (!found) {
      throw new IllegalStateException("no line found to consume");
    }
    found = false;
    if (!tooLong) {
      digest.update(buffer, position, lineLength + 1);
      position += lineLength + 1;
      return;
    }
    // Rare: hash the long line from the file itself, then continue after it.
    long from = bufferOffset + position;
    ByteBuffer block = ByteBuffer.wrap(buffer);
    for (long at = from; at < lineEndOffset; ) {
      block.clear().limit((int) Math.min(buffer.length, lineEndOffset - at));
      int read = channel.read(block, at);
      if (read <= 0) {
        throw new IOException("file shrank while being read [offset=" + at + "]");
      }
      digest.update(buffer, 0, read);
      at += read;
    }
    bufferOffset = lineEndOffset;
    position = 0;
    filled = 0;
    tooLong = false;
  }

  private boolean findLongLine() throws IOException {
    ByteBuffer block = ByteBuffer.allocate(64 * 1024);
    long at = bufferOffset + filled;
    while (at < limit) {
      block.clear().limit((int) Math.min(block.capacity(), limit - at));
      int read = channel.read(block, at);
      if (read <= 0) {
        return false;
      }
      for (int i = 0; i < read; i++) {
        if (block.get(i) == '\n') {
          found = true;
          tooLong = true;
          lineStart = 0;
          lineLength = filled;
          lineEndOffset = at + i + 1;
          return true;
        }
      }
      at += read;
    }
    return false;
  }

  private void compact() {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, filled - position);
      filled -= position;
      bufferOffset += position;
      position = 0;
    }
  }

  private boolean fill() throws IOException {
    long at = bufferOffset + filled;
    int room = (int) Math.min(buffer.length - filled, limit - at);
    if (room <= 0) {
      return false;
    }
    int read = channel.read(ByteBuffer.wrap(buffer, filled, room), at);
    if (read <= 0) {
      return false;
    }
    filled += read;
    return true;
  }
}
