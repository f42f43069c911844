package io.krxtrader.trade.router;

/** Which way a run came in ({@code trade.pick_runs.source}). */
public enum RunSource {
  CLI,
  INBOX,
  HTTP
}
