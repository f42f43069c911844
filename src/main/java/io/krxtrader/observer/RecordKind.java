package io.krxtrader.observer;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The three JSONL record kinds and where their files live: {@code swing/*.jsonl}, {@code
 * scalp/*.jsonl} and {@code gap_*.jsonl} (the collectors write the last to {@code system/}).
 */
public enum RecordKind {
  SWING("observer.swing_bars_10m"),
  SCALP("observer.scalp_ticks"),
  GAP("observer.scalp_gaps");

  private final String table;

  RecordKind(String table) {
    this.table = table;
  }

  /** The table its rows go to. */
  public String table() {
    return table;
  }

  /** The ledger's and the command line's name: {@code swing}, {@code scalp}, {@code gap}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a file's place says it holds, if any. */
  public static Optional<RecordKind> of(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(".jsonl")) {
      return Optional.empty();
    }
    if (name.startsWith("gap_")) {
      return Optional.of(GAP);
    }
    Path parent = file.getParent();
    String directory = parent == null ? "" : parent.getFileName().toString();
    return switch (directory) {
      case "swing" -> Optional.of(SWING);
      case "scalp" -> Optional.of(SCALP);
      default -> Optional.empty();
    };
  }

  static RecordKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  LineParser newParser() {
    return switch (this) {
      case SWING -> new SwingLineParser();
      case SCALP -> new ScalpLineParser();
      case GAP -> new GapLineParser();
    };
  }
}
