package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server (Javalin on Jetty 12) that turns each request into a {@link Request}, asks
 * the handler for a {@link Reply}, and writes it with KIS's response headers, named exactly as KIS
 * names them: {@code Content-Type}, {@code tr_id}, {@code tr_cont}, {@code gt_uid}. Clients read
 * these by exact name (one well-known Python client turns them into attributes), so the case is
 * part of the contract; Jetty writes a header name as it is given, where the JDK's {@code
 * HttpServer} rewrote every name to first-letter-upper ({@code Tr_id}). The {@code Date} header
 * comes from the simulator's wall clock, never its market clock. The Naver listener sends only
 * {@code Content-Type} and {@code Date}, as Naver does. A handler failure is an HTTP 500 with KIS's
 * generic envelope.
 */
final class HttpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
  private static final String CONTENT_TYPE = "application/json; charset=UTF-8";

  private final Javalin server;
  private final InstantSource wall;
  private final Function<Request, Reply> handler;
  private final boolean kisHeaders;

  private HttpListener(
      int port,
      String name,
      InstantSource wall,
      Function<Request, Reply> handler,
      boolean kisHeaders) {
    this.wall = wall;
    this.handler = handler;
    this.kisHeaders = kisHeaders;
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("sim-" + name);
    threads.setDaemon(true);
    server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              // Its watcher is a non-daemon thread that sleeps for seconds after each create().
              config.startup.startupWatcherEnabled = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              config.jetty.threadPool = threads;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                    // Written by serve() from the wall clock the simulator was given.
                    http.setSendDateHeader(false);
                  });
              // The head stays what KIS sends: no Content-Encoding or Vary a client did not see.
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.routes.addHttpHandler(HandlerType.GET, "/<path>", this::serve);
              config.routes.addHttpHandler(HandlerType.POST, "/<path>", this::serve);
            });
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new KrxTraderException("cannot listen on the " + name + " port [port=" + port + "]", e);
    }
  }

  /** KIS's REST front door: answers carry {@code tr_id}, {@code tr_cont} and {@code gt_uid}. */
  static HttpListener kis(int port, InstantSource wall, Function<Request, Reply> handler) {
    return new HttpListener(port, "rest", wall, handler, true);
  }

  /** Naver's polling host. */
  static HttpListener naver(int port, InstantSource wall, Function<Request, Reply> handler) {
    return new HttpListener(port, "naver", wall, handler, false);
  }

  int port() {
    return server.port();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private void serve(Context ctx) {
    Reply reply;
    String trId = "";
    try {
      Map<String, String> headers = new HashMap<>();
      for (String header : Collections.list(ctx.req().getHeaderNames())) {
        String value = ctx.req().getHeader(header);
        headers.put(header.toLowerCase(Locale.ROOT), value == null ? "" : value);
      }
      trId = headers.getOrDefault("tr_id", "");
      reply =
          handler.apply(
              new Request(
                  ctx.req().getMethod(),
                  ctx.path(),
                  headers,
                  query(ctx.queryString()),
                  ctx.method() == HandlerType.POST ? body(ctx.bodyAsBytes()) : null));
    } catch (RuntimeException e) {
      LOG.warn("Simulator request failed [path={}]", ctx.path(), e);
      reply = Reply.error(500, "1", "OPSQ0000", "시스템 오류가 발생하였습니다.");
    }
    ctx.status(reply.status());
    ctx.header("Content-Type", CONTENT_TYPE);
    if (kisHeaders) {
      ctx.header("tr_id", trId);
      ctx.header("tr_cont", reply.trCont());
      ctx.header("gt_uid", HexFormat.of().formatHex(randomBytes()));
    }
    ctx.header(
        "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(wall.instant().atZone(ZoneOffset.UTC)));
    ctx.result(reply.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Query parameters with upper-cased names: KIS ignores their case. */
  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(key.toUpperCase(Locale.ROOT), value);
    }
    return query;
  }

  /** The JSON body, null when empty, or a marker the endpoints refuse when it does not parse. */
  private static JsonNode body(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      return Reply.JSON.readTree(bytes);
    } catch (IOException e) {
      return Reply.JSON.createObjectNode().put("__unparseable__", true);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    server.stop();
  }
}
