package io.krxtrader.kis;

import io.krxtrader.config.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every authenticated REST call: waits for the app key's rate limit, adds the headers, sends, and
 * classifies the answer. Rate-limit errors ({@code EGW00201}, {@code EGW00215}) are retried after a
 * growing pause (100 ms, 200 ms, ... five times); a refused token ({@code EGW00123}/{@code
 * EGW00121}) is replaced and the call retried once. Any other error comes back in the response for
 * the caller to decide whether it is a business outcome (an order rejected) or a fault.
 */
final class RestTransport {

  private static final Logger LOG = LoggerFactory.getLogger(RestTransport.class);
  static final int RATE_LIMIT_RETRIES = 5;
  private static final long BACKOFF_NANOS = 100_000_000L;

  /** The sum of every rate-limit pause one call may make (100 ms + 200 ms + ...). */
  static long totalBackoffNanos() {
    long total = 0;
    for (int attempt = 1; attempt <= RATE_LIMIT_RETRIES; attempt++) {
      total += BACKOFF_NANOS << (attempt - 1);
    }
    return total;
  }

  private final KisHttp http;
  private final URI restUrl;
  private final KisCredentials credentials;
  private final AccessTokens tokens;
  private final RateLimiter limiter;

  RestTransport(
      KisHttp http,
      URI restUrl,
      KisCredentials credentials,
      AccessTokens tokens,
      RateLimiter limiter) {
    this.http = http;
    this.restUrl = restUrl;
    this.credentials = credentials;
    this.tokens = tokens;
    this.limiter = limiter;
  }

  KisResponse get(String path, String trId, Map<String, String> query, String trCont) {
    return call(path, trId, trCont, query, null);
  }

  /** POST with KIS's rules for bodies: UPPERCASE keys, every value a string. */
  KisResponse post(String path, String trId, Map<String, String> body) {
    return call(path, trId, "", Map.of(), KisHttp.json(body));
  }

  private KisResponse call(
      String path, String trId, String trCont, Map<String, String> query, String body) {
    boolean tokenRenewed = false;
    int rateLimited = 0;
    while (true) {
      limiter.acquire();
      Secret token = tokens.current();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(KisHttp.resolve(restUrl, path, query))
              .header("content-type", "application/json; charset=utf-8")
              .header("authorization", "Bearer " + token.reveal())
              .header("appkey", credentials.appKey().reveal())
              .header("appsecret", credentials.appSecret().reveal())
              .header("tr_id", trId)
              .header("tr_cont", trCont)
              .header("custtype", "P");
      if (body == null) {
        request.GET();
      } else {
        request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      }
      KisHttp.Answer answer = http.send(request, path);
      Optional<KisError> error = answer.error(true);
      if (error.isPresent() && error.get().rateLimited() && rateLimited < RATE_LIMIT_RETRIES) {
        rateLimited++;
        LOG.debug("KIS rate limit hit; backing off [path={}, attempt={}]", path, rateLimited);
        limiter.sleep(BACKOFF_NANOS << (rateLimited - 1));
        continue;
      }
      if (error.isPresent() && error.get().tokenRejected() && !tokenRenewed) {
        tokenRenewed = true;
        tokens.rejected(token);
        continue;
      }
      return new KisResponse(answer.status(), answer.trCont(), Fields.of(answer.body()), error);
    }
  }
}
