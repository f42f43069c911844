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
 * more than one issue a minute per app key is refused (HTTP 403, EGW00133). A WebSocket approval
 * key lives 24 h for new registrations (a session already open keeps working); fault injection can
 * forget them all.
 *
 * <p>Every time here is the <em>wall</em> clock, never the market clock: a client compares {@code
 * access_token_token_expired} with its own wall clock, so a simulator whose market starts a week
 * ago must still issue a token that expires 24 h from now (as KIS issues it), or a cached token
 * counts as expired and the next start is refused with EGW00133.
 */
final class SimTokens {

  static final Duration LIFETIME = Duration.ofHours(24);
  static final Duration SAME_TOKEN = Duration.ofHours(6);
  static final Duration ISSUE_INTERVAL = Duration.ofMinutes(1);
  static final Duration APPROVAL_LIFETIME = Duration.ofHours(24);

  /** An issued token. */
  record Token(String value, String appKey, Instant issuedAt, Instant expiresAt) {}

  private record Approval(String appKey, Instant expiresAt) {}

  private final InstantSource wall;
  private final SplittableRandom random;
  private final TokenSigner signer = new TokenSigner();
  private final Map<String, Token> byValue = new HashMap<>();
  private final Map<String, Token> latestByKey = new HashMap<>();
  private final Map<String, Instant> lastIssue = new HashMap<>();
  private final Map<String, Approval> approvals = new HashMap<>();
  private int issued;

  SimTokens(InstantSource wall, long seed) {
    this.wall = wall;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** A token, or empty when the 1/min rule refuses. */
  synchronized Optional<Token> issue(String appKey) {
    Instant now = wall.instant();
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
    Instant expiresAt = now.plus(LIFETIME);
    String value = signer.sign(uuid(), now, expiresAt, alphanumeric(36));
    Token token = new Token(value, appKey, now, expiresAt);
    byValue.put(token.value(), token);
    latestByKey.put(appKey, token);
    return Optional.of(token);
  }

  /** The wall-clock time a token's {@code expires_in} counts from. */
  Instant now() {
    return wall.instant();
  }

  synchronized int issuedCount() {
    return issued;
  }

  /** The token a client sent, if this simulator signed and issued it and has not revoked it. */
  synchronized Optional<Token> find(String value) {
    if (!signer.verify(value)) {
      return Optional.empty();
    }
    return Optional.ofNullable(byValue.get(value));
  }

  boolean expired(Token token) {
    return !wall.instant().isBefore(token.expiresAt());
  }

  synchronized void expireAll() {
    Instant now = wall.instant();
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
    String key = uuid();
    approvals.put(key, new Approval(appKey, wall.instant().plus(APPROVAL_LIFETIME)));
    return key;
  }

  synchronized void forgetApprovals() {
    approvals.clear();
  }

  /** The app key of a live approval key; empty when unknown, forgotten or past its 24 h. */
  synchronized Optional<String> appKeyOfApproval(String approvalKey) {
    Approval approval = approvals.get(approvalKey);
    if (approval == null || !wall.instant().isBefore(approval.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(approval.appKey());
  }

  private String uuid() {
    return String.format(
        "%08x-%04x-%04x-%04x-%012x",
        random.nextInt(),
        random.nextInt(0x10000),
        random.nextInt(0x10000),
        random.nextInt(0x10000),
        random.nextLong() & 0xFFFFFFFFFFFFL);
  }

  private String alphanumeric(int length) {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(letters.charAt(random.nextInt(letters.length())));
    }
    return text.toString();
  }
}
