package io.krxtrader.observer;

/** One row of {@code observer.ingest_files}: what the database holds of a file. */
record LedgerEntry(
    int fileId,
    String path,
    RecordKind kind,
    byte[] firstLineSha256,
    byte[] contentSha256,
    long committedOffset,
    long fileSize,
    long linesLoaded,
    long linesRejected,
    long rejectsSize,
    LoadStatus status,
    String conflict) {

  /** Lines the ledger accounts for: loaded plus rejected. */
  long linesCommitted() {
    return linesLoaded + linesRejected;
  }
}
