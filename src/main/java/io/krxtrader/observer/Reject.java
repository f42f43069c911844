package io.krxtrader.observer;

/**
 * A line that was not loaded: where it is, why, and the line itself (cut to {@value #MAX_RAW}
 * characters).
 */
record Reject(long lineNumber, String reason, String raw) {

  static final int MAX_RAW = 10_000;

  Reject {
    if (raw.length() > MAX_RAW) {
      raw = raw.substring(0, MAX_RAW);
    }
  }
}
