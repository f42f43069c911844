package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rows the loader would COPY from scalp files, as one CSV file in {@link
 * ScalpLineParser#COLUMNS} order: the benchmark's input for its {@code psql \copy} reference, so
 * that both sides load the very same rows. Rejected lines are left out.
 */
final class ScalpCsv {

  private ScalpCsv() {}

  /** Writes the CSV and returns its rows. */
  static long write(List<Path> files, Path csv) {
    long rows = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
      LineParser parser = RecordKind.SCALP.newParser();
      Chunk chunk = new Chunk(1, 1 << 20);
      for (Path file : files) {
        try (FileChannel channel = FileChannel.open(file)) {
          LineReader reader =
              new LineReader(channel, 0, channel.size(), ContentHash.sha256(), 1 << 20);
          long line = 0;
          chunk.reset(0, 1);
          while (reader.findLine()) {
            line++;
            if (!reader.tooLong()
                && parser.parse(
                        reader.bytes(), reader.lineStart(), reader.lineLength(), line, chunk)
                    == null) {
              rows++;
            }
            reader.consume();
            if (chunk.copy.length() > 1 << 20) {
              flush(chunk.copy, out);
              chunk.reset(0, 1);
            }
          }
          flush(chunk.copy, out);
        }
      }
    } catch (IOException e) {
      throw new KrxTraderException("cannot write the CSV [file=" + csv + "]", e);
    }
    return rows;
  }

  /** COPY text to CSV: tabs become commas, {@code \N} an empty (NULL) field. */
  private static void flush(CopyText copy, OutputStream out) throws IOException {
    byte[] bytes = copy.bytes();
    int length = copy.length();
    byte[] csv = new byte[length];
    int n = 0;
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == '\t') {
        csv[n++] = ',';
      } else if (b == '\\') {
        if (i + 1 < length && bytes[i + 1] == 'N') {
          i++;
        } else {
          throw new KrxTraderException("a value needs CSV quoting, which this export does not do");
        }
      } else if (b == ',' || b == '"') {
        throw new KrxTraderException("a value needs CSV quoting, which this export does not do");
      } else {
        csv[n++] = b;
      }
    }
    out.write(csv, 0, n);
    copy.clear();
  }
}
