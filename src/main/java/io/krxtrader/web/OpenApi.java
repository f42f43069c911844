package io.krxtrader.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /openapi.json}: an OpenAPI 3.1 description built from the route table, so that it cannot
 * miss a route. POSTs carry the bearer security requirement.
 */
final class OpenApi {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

  private OpenApi() {}

  static String describe(List<Route> routes) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("openapi", "3.1.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "krx-trader operator API");
    info.put("version", "1");
    info.put(
        "description",
        "Times are KST ISO-8601 with the offset; field names are full words in snake case."
            + " Every POST needs Authorization: Bearer <token> (the token file's location is"
            + " printed by serve). A bad parameter answers 400 naming it.");
    root.putObject("components")
        .putObject("securitySchemes")
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer");
    ObjectNode paths = root.putObject("paths");
    for (Route route : routes) {
      ObjectNode path =
          paths.has(route.path())
              ? (ObjectNode) paths.get(route.path())
              : paths.putObject(route.path());
      ObjectNode operation = path.putObject(route.method().toLowerCase(java.util.Locale.ROOT));
      operation.put("summary", route.summary());
      ArrayNode parameters = operation.putArray("parameters");
      Matcher matcher = PATH_PARAMETER.matcher(route.path());
      while (matcher.find()) {
        ObjectNode p = parameters.addObject();
        p.put("name", matcher.group(1));
        p.put("in", "path");
        p.put("required", true);
        p.putObject("schema").put("type", "string");
      }
      for (String name : route.parameters()) {
        ObjectNode p = parameters.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("required", false);
        p.putObject("schema").put("type", "string");
      }
      ObjectNode responses = operation.putObject("responses");
      responses.putObject("200").put("description", "OK");
      responses.putObject("400").put("description", "A bad parameter or body, named");
      if (route.changesState()) {
        operation.putArray("security").addObject().putArray("bearer");
        responses.putObject("401").put("description", "No or a wrong bearer token");
      }
    }
    return Json.write(root);
  }
}
