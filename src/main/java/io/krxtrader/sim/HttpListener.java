package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server (the JDK's) that turns each exchange into a {@link Request}, asks the
 * handler for a {@link Reply}, and writes it with KIS's response headers ({@code tr_id}, {@code
 * tr_cont}, {@code gt_uid}). A handler failure is an HTTP 500 with KIS's generic envelope.
 */
final class HttpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

  private final HttpServer server;
  private final ExecutorService executor;

  HttpListener(int port, String name, Function<Request, Reply> handler) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new KrxTraderException("cannot listen on the " + name + " port [port=" + port + "]", e);
    }
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "sim-" + name);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private static void serve(HttpExchange exchange, Function<Request, Reply> handler)
      throws IOException {
    try (exchange) {
      Reply reply;
      String trId = "";
      try {
        Map<String, String> headers = new HashMap<>();
        exchange
            .getRequestHeaders()
            .forEach(
                (k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        trId = headers.getOrDefault("tr_id", "");
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
          for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key =
                URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value =
                eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key.toUpperCase(Locale.ROOT), value);
          }
        }
        JsonNode body = null;
        if (exchange.getRequestMethod().equals("POST")) {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            try {
              body = bytes.length == 0 ? null : Reply.JSON.readTree(bytes);
            } catch (IOException e) {
              body = Reply.JSON.createObjectNode().put("__unparseable__", true);
            }
          }
        }
        reply =
            handler.apply(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    headers,
                    query,
                    body));
      } catch (RuntimeException e) {
        LOG.warn("Simulator request failed [path={}]", exchange.getRequestURI().getPath(), e);
        reply = Reply.error(500, "1", "OPSQ0000", "시스템 오류가 발생하였습니다.");
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
      exchange.getResponseHeaders().set("tr_id", trId);
      exchange.getResponseHeaders().set("tr_cont", reply.trCont());
      exchange.getResponseHeaders().set("gt_uid", HexFormat.of().formatHex(longBytes()));
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static byte[] longBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
