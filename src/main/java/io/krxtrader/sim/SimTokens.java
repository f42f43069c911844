package io.krxtrader.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * KIS's token rules: an access token lives 24 h; asking again within 6 h returns the same token;
 * more than one issue a minute per app key is refused (HTTP 403, EGW00133). WebSocket approval keys
 * never expire here (KIS's last 24 h; the client renews its own after 23 h) unless forgotten by
 * fault injection. Time is the simulator's clock.
 */
final class SimTokens {

  static final Duration LIFETIME = Duration.ofHours(24);
  static final Duration SAME_TOKEN = Duration.ofHours(6);
  static final Duration ISSUE_INTERVAL = Duration.ofMinutes(1);

  /** An issued token. */
  record Token(String value, String appKey, Instant issuedAt, Instant expiresAt) {}

  private final InstantSource clock;
  private final SplittableRandom random;
  private final Map<String, Token> byValue = new HashMap<>();
  private final Map<String, Token> latestByKey = new HashMap<>();
  private final Map<String, Instant> lastIssue = new HashMap<>();
  private final Map<String, String> approvals = new HashMap<>();
  private int issued;

  SimTokens(InstantSource clock, long seed) {
    this.clock = clock;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** A token, or empty when the 1/min rule refuses. */
  synchronized Optional<Token> issue(String appKey) {
    Instant now = clock.instant();
    Instant last = lastIssue.get(appKey);
    if (last != null && now.isBefore(last.plus(ISSUE_INTERVAL))) {
      return Optional.empty();
    }
    lastIssue.put(appKey, now);
    Token latest = latestByKey.get(appKey);
    if (latest != null
        && now.isBefore(latest.issuedAt().plus(SAME_TOKEN))
        && now.isBefore(latest.expiresAt())) {
      return Optional.of(latest);
    }
    issued++;
    StringBuilder value = new StringBuilder("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.sim");
    while (value.length() < 350) {
      value.append(Long.toHexString(random.nextLong()));
    }
    Token token = new Token(value.substring(0, 350), appKey, now, now.plus(LIFETIME));
    byValue.put(token.value(), token);
    latestByKey.put(appKey, token);
    return Optional.of(token);
  }

  synchronized int issuedCount() {
    return issued;
  }

  synchronized Optional<Token> find(String value) {
    return Optional.ofNullable(byValue.get(value));
  }

  boolean expired(Token token) {
    return !clock.instant().isBefore(token.expiresAt());
  }

  synchronized void expireAll() {
    Instant now = clock.instant();
    byValue.replaceAll((k, t) -> new Token(t.value(), t.appKey(), t.issuedAt(), now));
    latestByKey.replaceAll((k, t) -> byValue.get(t.value()));
  }

  synchronized boolean revoke(String value) {
    Token token = byValue.remove(value);
    if (token != null && latestByKey.get(token.appKey()) == token) {
      latestByKey.remove(token.appKey());
    }
    return token != null;
  }

  synchronized String approval(String appKey) {
    String key =
        String.format(
            "%08x-%04x-%04x-%04x-%012x",
            random.nextInt(),
            random.nextInt(0x10000),
            random.nextInt(0x10000),
            random.nextInt(0x10000),
            random.nextLong() & 0xFFFFFFFFFFFFL);
    approvals.put(key, appKey);
    return key;
  }

  synchronized void forgetApprovals() {
    approvals.clear();
  }

  synchronized Optional<String> appKeyOfApproval(String approvalKey) {
    return Optional.ofNullable(approvals.get(approvalKey));
  }
}
