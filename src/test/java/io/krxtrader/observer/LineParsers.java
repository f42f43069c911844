package io.krxtrader.observer;

import java.nio.charset.StandardCharsets;

/** Runs one line through a parser, for the reader tests. */
final class LineParsers {

  /** The parser's verdict on a line: the reject reason (or null) and the COPY row it wrote. */
  record Verdict(String reject, String row, Chunk chunk) {}

  private LineParsers() {}

  static Verdict parse(RecordKind kind, String line) {
    Chunk chunk = new Chunk(7, 1024);
    chunk.reset(0, 1);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    String reject = kind.newParser().parse(bytes, 0, bytes.length, 1, chunk);
    return new Verdict(reject, chunk.copy.toString(), chunk);
  }
}
