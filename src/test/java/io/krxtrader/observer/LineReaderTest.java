package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

  @TempDir Path directory;

  private record Read(List<String> lines, long end, byte[] sha256, List<Boolean> tooLong) {}

  private Read read(String content, long start, int bufferSize) throws IOException {
    Path file = directory.resolve("f.jsonl");
    Files.writeString(file, content);
    MessageDigest digest = ContentHash.sha256();
    List<String> lines = new ArrayList<>();
    List<Boolean> tooLong = new ArrayList<>();
    long end = start;
    try (FileChannel channel = FileChannel.open(file)) {
      LineReader reader = new LineReader(channel, start, channel.size(), digest, bufferSize);
      while (reader.findLine()) {
        lines.add(
            new String(
                reader.bytes(), reader.lineStart(), reader.lineLength(), StandardCharsets.UTF_8));
        tooLong.add(reader.tooLong());
        end = reader.lineEndOffset();
        reader.consume();
      }
    }
    return new Read(lines, end, digest.digest(), tooLong);
  }

  private static byte[] sha256(String text) {
    return ContentHash.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_last_line_without_a_newline_is_left_unread_and_unhashed() throws IOException {
    Read read = read("one\ntwo\nthr", 0, 64);
    assertThat(read.lines()).containsExactly("one", "two");
    assertThat(read.end()).isEqualTo(8);
    assertThat(read.sha256()).isEqualTo(sha256("one\ntwo\n"));
  }

  @Test
  void lines_across_many_buffer_refills_come_out_whole() throws IOException {
    StringBuilder content = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String line = "line-" + i + "-" + "x".repeat(i % 37);
      expected.add(line);
      content.append(line).append('\n');
    }
    Read read = read(content.toString(), 0, 50);
    assertThat(read.lines()).isEqualTo(expected);
    assertThat(read.sha256()).isEqualTo(sha256(content.toString()));
  }

  @Test
  void reading_from_an_offset_hashes_only_what_it_consumed() throws IOException {
    Read read = read("one\ntwo\nthree\n", 4, 64);
    assertThat(read.lines()).containsExactly("two", "three");
    assertThat(read.sha256()).isEqualTo(sha256("two\nthree\n"));
  }

  @Test
  void a_line_longer_than_the_buffer_is_consumed_whole_and_flagged() throws IOException {
    String longLine = "y".repeat(300);
    Read read = read("a\n" + longLine + "\nb\n", 0, 64);
    assertThat(read.lines()).hasSize(3);
    assertThat(read.lines().get(1)).isEqualTo("y".repeat(64));
    assertThat(read.tooLong()).containsExactly(false, true, false);
    assertThat(read.lines().get(2)).isEqualTo("b");
    assertThat(read.sha256()).isEqualTo(sha256("a\n" + longLine + "\nb\n"));
  }

  @Test
  void an_unfinished_long_line_is_not_consumed() throws IOException {
    Read read = read("a\n" + "z".repeat(300), 0, 64);
    assertThat(read.lines()).containsExactly("a");
    assertThat(read.end()).isEqualTo(2);
    assertThat(Arrays.equals(read.sha256(), sha256("a\n"))).isTrue();
  }

  @Test
  void carriage_returns_stay_in_the_line_for_the_parser_to_ignore() throws IOException {
    Read read = read("{\"a\":1}\r\n", 0, 64);
    assertThat(read.lines()).containsExactly("{\"a\":1}\r");
  }
}
