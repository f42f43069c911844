package io.krxtrader.db;

import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL major version of the embedded binaries, and the check that a data directory was
 * created by the same major version (PostgreSQL cannot open another major version's files).
 */
final class PostgresVersion {

  /** Must match {@code postgres.binaries.version} in the POM. */
  static final int EMBEDDED_MAJOR = 18;

  private PostgresVersion() {}

  static void requireCompatible(Path dataDirectory) {
    Path versionFile = dataDirectory.resolve("PG_VERSION");
    if (!Files.exists(versionFile)) {
      return;
    }
    String found;
    try {
      found = Files.readString(versionFile).strip();
    } catch (IOException e) {
      throw new KrxTraderException("cannot read " + versionFile, e);
    }
    if (!found.equals(Integer.toString(EMBEDDED_MAJOR))) {
      throw new KrxTraderException(
          "the database directory was created by another PostgreSQL major version; move it aside"
              + " or choose another with --data-dir [dataDirectory="
              + dataDirectory
              + ", found="
              + found
              + ", expected="
              + EMBEDDED_MAJOR
              + "]");
    }
  }
}
