package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One HTTP exchange with a KIS-compatible server, JSON in and out. It knows nothing about tokens or
 * limits; it turns transport trouble into {@link KisException}s that name the path and never a
 * header value.
 */
final class KisHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed answer: the status, the response headers we use and the JSON body. */
  record Answer(int status, String trCont, JsonNode body) {

    /**
     * What KIS refused, if it did: {@code error_code} (token endpoints), an {@code rt_cd} other
     * than 0, or a status other than 200. API answers always carry {@code rt_cd}, so its absence is
     * an error there; the token endpoints answer success without one ({@code rtCdRequired} false).
     */
    Optional<KisError> error(boolean rtCdRequired) {
      Fields fields = Fields.of(body);
      if (fields.has("error_code")) {
        return Optional.of(
            new KisError(
                status, "", fields.trimmed("error_code"), fields.trimmed("error_description")));
      }
      String rtCd = fields.trimmed("rt_cd");
      if (!rtCd.isEmpty() && !rtCd.equals("0")) {
        return Optional.of(
            new KisError(status, rtCd, fields.trimmed("msg_cd"), fields.trimmed("msg1")));
      }
      if (status != 200 || (rtCdRequired && rtCd.isEmpty())) {
        String message =
            fields.has("msg1")
                ? fields.trimmed("msg1")
                : status != 200 ? "unexpected HTTP status" : "unexpected answer without rt_cd";
        return Optional.of(new KisError(status, rtCd, fields.trimmed("msg_cd"), message));
      }
      return Optional.empty();
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  KisHttp(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  static URI resolve(URI base, String path, Map<String, String> query) {
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    StringJoiner joiner = new StringJoiner("&");
    query.forEach(
        (key, value) ->
            joiner.add(
                URLEncoder.encode(key, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return URI.create(root + path + (query.isEmpty() ? "" : "?" + joiner));
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new KisException("cannot write a request body", e);
    }
  }

  /**
   * Sends and parses. A timeout means the call may have been processed by the server all the same.
   */
  Answer send(HttpRequest.Builder request, String path) {
    HttpResponse<String> response;
    try {
      response =
          client.send(
              request.timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new KisException(
          "KIS call timed out; it may still have been processed [path=" + path + "]", e);
    } catch (IOException e) {
      throw new KisException(
          "KIS call failed; it may still have been processed [path="
              + path
              + ", error="
              + e.getClass().getSimpleName()
              + "]",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KisException("interrupted during a KIS call [path=" + path + "]", e);
    }
    JsonNode body;
    try {
      String text = response.body();
      body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new KisException(
          "KIS answered with something that is not JSON [path="
              + path
              + ", status="
              + response.statusCode()
              + "]");
    }
    String trCont = response.headers().firstValue("tr_cont").orElse("").strip();
    return new Answer(response.statusCode(), trCont, body);
  }
}
