package io.krxtrader.sim;

import io.krxtrader.kis.KisCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A KIS client as a third party would write one, on {@link RawHttp}: it sends KIS's request headers
 * by hand ({@code authorization}, {@code appkey}, {@code appsecret}, {@code tr_id}, {@code
 * tr_cont}, {@code custtype}) and keeps every response head as it arrived.
 */
final class RawKis {

  final RawHttp http;
  final KisCredentials credentials;
  final String token;

  /** The answer that issued {@link #token}. */
  final RawHttp.Response issued;

  /** Issues a token first, as a client's first call does. */
  RawKis(Simulator simulator) {
    this.http = new RawHttp(simulator.restUrl());
    this.credentials = simulator.credentials();
    this.issued = http.post("/oauth2/tokenP", Map.of(), tokenRequest());
    if (issued.status() != 200) {
      throw new AssertionError("token refused: " + issued.body());
    }
    this.token = issued.json().path("access_token").asText();
  }

  /** Sends {@code token} as it is, whatever it is. */
  RawKis(Simulator simulator, String token) {
    this.http = new RawHttp(simulator.restUrl());
    this.credentials = simulator.credentials();
    this.issued = null;
    this.token = token;
  }

  String tokenRequest() {
    return "{\"grant_type\":\"client_credentials\",\"appkey\":\""
        + credentials.appKey().reveal()
        + "\",\"appsecret\":\""
        + credentials.appSecret().reveal()
        + "\"}";
  }

  Map<String, String> headers(String trId, String trCont) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("authorization", "Bearer " + token);
    headers.put("appkey", credentials.appKey().reveal());
    headers.put("appsecret", credentials.appSecret().reveal());
    headers.put("tr_id", trId);
    headers.put("tr_cont", trCont);
    headers.put("custtype", "P");
    return headers;
  }

  RawHttp.Response get(String path, String trId, String trCont, Map<String, String> query) {
    String encoded =
        query.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                            .replace("+", "%20"))
            .collect(Collectors.joining("&"));
    return http.get(path + (encoded.isEmpty() ? "" : "?" + encoded), headers(trId, trCont));
  }

  RawHttp.Response post(String path, String trId, Map<String, String> body) {
    return http.post(path, headers(trId, ""), Reply.JSON.valueToTree(body).toString());
  }

  String cano() {
    return credentials.account().cano();
  }

  String productCode() {
    return credentials.account().productCode();
  }
}
