package io.krxtrader.observer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of file content, the ledger's proof that an already-loaded part has not changed. */
final class ContentHash {

  private ContentHash() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * A digest that has consumed bytes {@code [0, length)} of the file, or null if the file has fewer
   * bytes.
   */
  static MessageDigest prefix(FileChannel channel, long length) throws IOException {
    MessageDigest digest = sha256();
    ByteBuffer block = ByteBuffer.allocate(1 << 20);
    long at = 0;
    while (at < length) {
      block.clear().limit((int) Math.min(block.capacity(), length - at));
      int read = channel.read(block, at);
      if (read <= 0) {
        return null;
      }
      digest.update(block.array(), 0, read);
      at += read;
    }
    return digest;
  }

  /** The hash so far, leaving {@code digest} able to go on. */
  static byte[] snapshot(MessageDigest digest) {
    return copy(digest).digest();
  }

  static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests of the JDK's provider can be cloned", e);
    }
  }
}
