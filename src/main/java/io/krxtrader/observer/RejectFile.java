package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rejected lines of one loaded file, one JSON object per line: {@code file}, {@code line},
 * {@code reason}, {@code raw}. Named after the file and its ledger id, so a moved file keeps its
 * reject file.
 *
 * <p>Exactly once: a chunk's rejects are appended (and forced to disk) before its transaction, and
 * the transaction records the reject file's new size. A load starts by cutting the file back to the
 * size the ledger recorded, which removes the rejects of a chunk that never committed.
 */
final class RejectFile {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Path path;
  private final String source;

  RejectFile(Path rejectDirectory, Path source, int fileId) {
    String name = source.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    this.path = rejectDirectory.resolve(stem + "." + fileId + ".rejects.jsonl");
    this.source = source.toString();
  }

  Path path() {
    return path;
  }

  /** Cuts the file back to {@code size} bytes: the rejects of committed chunks. */
  void truncate(long size) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      if (channel.size() > size) {
        channel.truncate(size);
        channel.force(true);
      }
    }
  }

  /** Appends rejects and returns the file's new size; with none, just the current size. */
  long append(List<Reject> rejects) throws IOException {
    if (rejects.isEmpty()) {
      return Files.exists(path) ? Files.size(path) : 0;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.setRootValueSeparator(null);
      for (Reject reject : rejects) {
        json.writeStartObject();
        json.writeStringField("file", source);
        json.writeNumberField("line", reject.lineNumber());
        json.writeStringField("reason", reject.reason());
        json.writeStringField("raw", reject.raw());
        json.writeEndObject();
        json.flush();
        bytes.write('\n');
      }
    }
    Files.createDirectories(path.getParent());
    try (FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      return channel.size();
    }
  }
}
