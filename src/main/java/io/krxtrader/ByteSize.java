package io.krxtrader;

import java.util.Locale;

/** A byte count as a person reads it: MiB below a GiB, GiB above. */
public final class ByteSize {

  private ByteSize() {}

  public static String format(long byteCount) {
    if (byteCount >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", byteCount / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", byteCount / (double) (1L << 20));
  }
}
