package io.krxtrader.observer;

import java.util.Locale;

/**
 * Where a JSONL file's load stands ({@code observer.ingest_files.status}, whose CHECK lists the
 * same three labels): {@code loading} until its last complete line is committed, {@code loaded}
 * then, {@code conflict} when the file changed under a committed part.
 */
public enum LoadStatus {
  LOADING,
  LOADED,
  CONFLICT;

  /** The ledger's name: {@code loading}, {@code loaded}, {@code conflict}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static LoadStatus ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
