package io.krxtrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/halt}: {@code {"reason": "...", "exits_too": false}}, both optional.
 */
record HaltRequest(Optional<String> reason, boolean exitsToo) {

  private static final Set<String> FIELDS = Set.of("reason", "exits_too");

  /** A body that is not what the endpoint expects: 400 with what is wrong. */
  static final class BadBody extends RuntimeException {
    BadBody(String message) {
      super(message);
    }
  }

  static HaltRequest parse(byte[] body) {
    if (body.length == 0) {
      return new HaltRequest(Optional.empty(), false);
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new BadBody("the body is not JSON: send {\"reason\": text, \"exits_too\": boolean}");
    }
    if (json == null || !json.isObject()) {
      throw new BadBody(
          "the body must be a JSON object {\"reason\": text, \"exits_too\": boolean}");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new BadBody("unknown field " + name + ": expected reason or exits_too");
      }
    }
    JsonNode reason = json.get("reason");
    if (reason != null && !reason.isNull() && !reason.isTextual()) {
      throw new BadBody("field reason must be text");
    }
    if (reason != null && reason.isTextual() && reason.asText().length() > 500) {
      throw new BadBody("field reason must be at most 500 characters");
    }
    JsonNode exitsToo = json.get("exits_too");
    if (exitsToo != null && !exitsToo.isNull() && !exitsToo.isBoolean()) {
      throw new BadBody("field exits_too must be true or false");
    }
    return new HaltRequest(
        Optional.ofNullable(reason)
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .map(String::strip)
            .filter(r -> !r.isEmpty()),
        exitsToo != null && exitsToo.asBoolean(false));
  }
}
