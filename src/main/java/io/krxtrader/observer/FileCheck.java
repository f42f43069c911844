package io.krxtrader.observer;

/**
 * One JSONL file against the database: its complete lines, the lines the ledger accounts for, and
 * the rows the table holds from it.
 *
 * @param fileLines complete lines in the file now, or -1 if the file is gone (archived, moved)
 * @param ledgerLines lines the ledger committed (loaded plus rejected)
 * @param tableRows rows in the kind's table that came from this file (a later swing snapshot of a
 *     slot replaces an earlier one, so swing rows may be fewer than loaded lines)
 */
public record FileCheck(
    String path,
    RecordKind kind,
    LoadStatus status,
    long fileLines,
    long ledgerLines,
    long linesLoaded,
    long linesRejected,
    long tableRows) {

  /** What is wrong, or empty: a line counted twice or lost, or a changed file. */
  public String problem() {
    if (status == LoadStatus.CONFLICT) {
      return "conflict: the file changed after it was loaded";
    }
    if (fileLines >= 0 && fileLines < ledgerLines) {
      return "the file has fewer lines than the ledger loaded";
    }
    if (kind == RecordKind.SWING ? tableRows > linesLoaded : tableRows != linesLoaded) {
      return "the table holds " + tableRows + " rows for " + linesLoaded + " loaded lines";
    }
    return "";
  }

  public boolean violated() {
    return !problem().isEmpty();
  }

  /** Complete lines not loaded yet (a collector still writing, or a load still to run). */
  public long waiting() {
    return fileLines < 0 ? 0 : Math.max(0, fileLines - ledgerLines);
  }
}
