package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One parsed API request: path, headers (lower-case names), query parameters (upper-cased names, as
 * KIS ignores case there) and the JSON body of a POST.
 */
record Request(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, String> query,
    JsonNode body) {

  String header(String name) {
    return headers.getOrDefault(name, "");
  }

  String query(String name) {
    return query.getOrDefault(name, "");
  }

  /** A body field; KIS wants UPPERCASE keys with string values. */
  String field(String name) {
    JsonNode node = body == null ? null : body.get(name);
    return node == null || !node.isTextual() ? null : node.asText();
  }
}
