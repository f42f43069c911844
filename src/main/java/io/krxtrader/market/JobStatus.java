package io.krxtrader.market;

/**
 * The life of a {@code sync_jobs} row:
 *
 * <pre>
 *   PENDING --claim--> RUNNING --complete--> DONE
 *   RUNNING --fail, attempts &lt; max--> PENDING (not before now + back-off)
 *   RUNNING --fail, attempts = max--> FAILED
 *   RUNNING --the worker's process died (rescue)--> PENDING, or FAILED at max attempts
 *   RUNNING --release (orderly shutdown; the attempt is not counted)--> PENDING
 * </pre>
 */
public enum JobStatus {
  PENDING,
  RUNNING,
  DONE,
  FAILED
}
