package io.krxtrader.kis;

import java.net.URI;

/**
 * Which KIS the client talks to. {@code SIMULATOR} is the built-in simulator (no key needed; it
 * speaks the paper-trading dialect); {@code PAPER} is KIS 모의투자 and {@code REAL} the real account.
 * Each has its own hosts, app key pair, tr_id variants (paper replaces the first letter of a
 * trading tr_id with {@code V}) and REST rate limit.
 */
public enum KisEnvironment {
  SIMULATOR(null, null, null, 2),
  PAPER(
      "https://openapivts.koreainvestment.com:29443",
      "ws://ops.koreainvestment.com:31000",
      "https://polling.finance.naver.com",
      2),
  REAL(
      "https://openapi.koreainvestment.com:9443",
      "ws://ops.koreainvestment.com:21000",
      "https://polling.finance.naver.com",
      20);

  private final String restUrl;
  private final String wsUrl;
  private final String naverUrl;
  private final int rateLimit;

  KisEnvironment(String restUrl, String wsUrl, String naverUrl, int rateLimit) {
    this.restUrl = restUrl;
    this.wsUrl = wsUrl;
    this.naverUrl = naverUrl;
    this.rateLimit = rateLimit;
  }

  /** Whether this environment uses paper tr_ids, page sizes and the H0STCNI9 notice. */
  public boolean paper() {
    return this != REAL;
  }

  /** KIS's REST calls per second per app key: 20 real, 2 paper (REFERENCE.md §5). */
  public int defaultRateLimit() {
    return rateLimit;
  }

  /** The host KIS publishes; none for the simulator, whose ports are chosen when it starts. */
  public URI defaultRestUrl() {
    return restUrl == null ? null : URI.create(restUrl);
  }

  public URI defaultWsUrl() {
    return wsUrl == null ? null : URI.create(wsUrl);
  }

  public URI defaultNaverUrl() {
    return naverUrl == null ? null : URI.create(naverUrl);
  }
}
