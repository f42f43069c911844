package io.krxtrader.market;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * The queue's SQL names the states through {@link #sql}, so a state exists in one place; the
 * table's CHECK lists the same four (SyncQueueIT holds them equal).
 */
public enum JobStatus {
  PENDING,
  RUNNING,
  DONE,
  FAILED;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)}");

  /**
   * {@code sql} with each {@code {PENDING}}-style placeholder replaced by the state's quoted
   * literal (a constant, never input: the statements stay parameterised for every value). An
   * unknown name throws, so a typo fails when the class loads.
   */
  static String sql(String sql) {
    Matcher placeholder = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      placeholder.appendReplacement(out, "'" + valueOf(placeholder.group(1)).name() + "'");
    }
    return placeholder.appendTail(out).toString();
  }
}
