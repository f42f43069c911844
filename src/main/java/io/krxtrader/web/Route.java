package io.krxtrader.web;

import java.util.List;

/**
 * One HTTP route of the operator surface, as {@code /openapi.json} describes it.
 *
 * @param method GET (reads) or POST (changes state: always behind the bearer token)
 * @param path the Javalin path, with {@code {name}} for a path parameter
 * @param summary what it answers, in a line
 * @param parameters the query parameters it reads
 */
public record Route(String method, String path, String summary, List<String> parameters) {

  public Route {
    parameters = List.copyOf(parameters);
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("GET or POST, not " + method);
    }
  }

  /** Whether it changes state, and so needs the token. */
  public boolean changesState() {
    return method.equals("POST");
  }
}
