package io.krxtrader.kis;

import io.krxtrader.config.Secret;
import io.krxtrader.krx.TradingCalendar;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token and the WebSocket approval key of one app key.
 *
 * <p>Rules (REFERENCE.md §2): a token is reused until {@code access_token_token_expired} (KST,
 * authoritative; {@code expires_in} drifts), minus a minute of safety; it is cached on disk across
 * restarts; a new one is issued at most once a minute (KIS answers HTTP 403 {@code EGW00133}
 * otherwise), counting issues made by an earlier run through the cache file. When KIS refuses the
 * token ({@code EGW00123}/{@code EGW00121}, e.g. after maintenance) {@link #rejected} forgets it
 * and the next call issues a new one. Every time here is the wall clock: KIS states expiry in
 * wall-clock KST, so a client on a simulated market clock must not compare it with market time.
 */
final class AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final Duration ISSUE_INTERVAL = Duration.ofMinutes(1);
  private static final Duration SAFETY = Duration.ofMinutes(1);
  private static final Duration APPROVAL_LIFETIME = Duration.ofHours(23);

  private final KisHttp http;
  private final URI restUrl;
  private final KisCredentials credentials;
  private final InstantSource wall;
  private final TokenCacheFile cache;
  private final String keyId;

  private Secret token;
  private Instant expiresAt = Instant.MIN;
  private Instant lastIssue = Instant.MIN;
  private Secret approvalKey;
  private Instant approvalExpiresAt = Instant.MIN;

  AccessTokens(
      KisHttp http,
      URI restUrl,
      KisCredentials credentials,
      InstantSource wall,
      TokenCacheFile cache) {
    this.http = http;
    this.restUrl = restUrl;
    this.credentials = credentials;
    this.wall = wall;
    this.cache = cache;
    this.keyId = keyId(credentials.appKey(), restUrl);
  }

  /** A short hash naming an app key (and server) in files and limiters, never the key itself. */
  static String keyId(Secret appKey, URI restUrl) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(appKey.reveal().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '|');
      digest.update(restUrl.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String keyId() {
    return keyId;
  }

  /** A token that KIS should accept now: from memory, the cache file, or a new issue. */
  synchronized Secret current() {
    Instant now = wall.instant();
    if (token != null && now.isBefore(expiresAt.minus(SAFETY))) {
      return token;
    }
    Optional<TokenCacheFile.Entry> cached = cache.read(keyId);
    if (cached.isPresent()) {
      TokenCacheFile.Entry entry = cached.get();
      if (entry.issuedAt().isAfter(lastIssue)) {
        lastIssue = entry.issuedAt();
      }
      if (entry.token().isPresent() && now.isBefore(entry.expiresAt().minus(SAFETY))) {
        token = entry.token().get();
        expiresAt = entry.expiresAt();
        return token;
      }
    }
    return issue(now);
  }

  /** KIS refused {@code refused}: forget it (here and on disk) unless a newer one replaced it. */
  synchronized void rejected(Secret refused) {
    if (refused.equals(token)) {
      LOG.info("KIS refused the access token; a new one will be issued");
      token = null;
      expiresAt = Instant.MIN;
      cache.write(new TokenCacheFile.Entry(keyId, Optional.empty(), Instant.MIN, lastIssue));
    }
  }

  private Secret issue(Instant now) {
    Instant allowed = lastIssue.equals(Instant.MIN) ? now : lastIssue.plus(ISSUE_INTERVAL);
    if (now.isBefore(allowed)) {
      throw new KisApiException(
          "a new KIS access token may be issued only once a minute; try again after " + allowed,
          new KisError(
              0, "", KisError.TOKEN_ISSUE_THROTTLED, "local: at most one issue per minute"));
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    body.put("appkey", credentials.appKey().reveal());
    body.put("appsecret", credentials.appSecret().reveal());
    KisHttp.Answer answer = post("/oauth2/tokenP", body);
    lastIssue = now;
    KisError error = answer.error(false).orElse(null);
    if (error != null) {
      if (error.msgCd().equals(KisError.TOKEN_ISSUE_THROTTLED)) {
        // Someone else (another process with the same key) issued one: remember the minute.
        cache.write(new TokenCacheFile.Entry(keyId, Optional.empty(), Instant.MIN, now));
      }
      throw new KisApiException("KIS refused to issue an access token", error);
    }
    Fields fields = Fields.of(answer.body());
    String value = fields.trimmed("access_token");
    if (value.isEmpty()) {
      throw new KisException("KIS issued an empty access token [status=" + answer.status() + "]");
    }
    token = Secret.of(value);
    expiresAt = expiry(fields, now);
    cache.write(new TokenCacheFile.Entry(keyId, Optional.of(token), expiresAt, now));
    LOG.info("Issued a KIS access token valid until {}", expiresAt);
    return token;
  }

  /** The WebSocket approval key ({@code /oauth2/Approval}, body field {@code secretkey}). */
  synchronized Secret approvalKey() {
    Instant now = wall.instant();
    if (approvalKey != null && now.isBefore(approvalExpiresAt)) {
      return approvalKey;
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    body.put("appkey", credentials.appKey().reveal());
    body.put("secretkey", credentials.appSecret().reveal());
    KisHttp.Answer answer = post("/oauth2/Approval", body);
    answer
        .error(false)
        .ifPresent(
            error -> {
              throw new KisApiException("KIS refused to issue a WebSocket approval key", error);
            });
    String value = Fields.of(answer.body()).trimmed("approval_key");
    if (value.isEmpty()) {
      throw new KisException("KIS issued an empty approval key [status=" + answer.status() + "]");
    }
    approvalKey = Secret.of(value);
    approvalExpiresAt = now.plus(APPROVAL_LIFETIME);
    return approvalKey;
  }

  /** The WebSocket server refused {@code refused}: forget it unless a newer one replaced it. */
  synchronized void approvalRejected(Secret refused) {
    if (refused.equals(approvalKey)) {
      LOG.info("KIS refused the WebSocket approval key; a new one will be issued");
      approvalKey = null;
    }
  }

  private KisHttp.Answer post(String path, Map<String, String> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(KisHttp.resolve(restUrl, path, Map.of()))
            .header("content-type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(KisHttp.json(body), StandardCharsets.UTF_8));
    return http.send(request, path);
  }

  private static Instant expiry(Fields fields, Instant now) {
    String text = fields.trimmed("access_token_token_expired");
    if (!text.isEmpty()) {
      try {
        return LocalDateTime.parse(text, EXPIRY).atZone(TradingCalendar.KST).toInstant();
      } catch (DateTimeParseException e) {
        LOG.warn("Unreadable access_token_token_expired; using expires_in [value={}]", text);
      }
    }
    long seconds = fields.longValue("expires_in");
    return now.plusSeconds(seconds > 0 ? seconds : 86_400);
  }
}
