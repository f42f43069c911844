package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.KrxTraderException;
import io.krxtrader.kis.NoticeCipher;
import io.krxtrader.kis.StreamChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIS's real-time WebSocket: JSON registrations with an approval key, acks carrying a per-session
 * AES key and iv, at most 41 registrations a session, one session per app key (a second gets
 * OPSP8996), {@code 0|TR|NNN|records} data frames (several records in one frame when several trades
 * happened since the last frame), encrypted execution notices and a PINGPONG every {@code
 * pingInterval}.
 *
 * <p>A PINGPONG is answered either by echoing its text frame (what KIS's own samples and most
 * clients do) or by a WebSocket pong control frame (what a client built on Python's {@code
 * websockets} does); either answer clears every PINGPONG outstanding on the session. A session with
 * a PINGPONG unanswered for longer than {@code pingAnswerLimit} of wall-clock time is closed at the
 * next ping, as KIS closes it. The check runs when a ping is due, so a session is closed at most
 * one ping interval after its limit passed. Sessions silenced by fault injection are left alone:
 * they stand for a dead network path, which the client must notice itself.
 */
final class WsServer extends WebSocketServer implements MarketModel.Listener, SimBroker.NoticeSink {

  private static final Logger LOG = LoggerFactory.getLogger(WsServer.class);
  static final int MAX_REGISTRATIONS = 41;

  /** One (tr_id, tr_key) registration; tr_key is a symbol, or an HTS id for notices. */
  private record Registration(String trId, String trKey) {}

  /** One connection's state. */
  private static final class Session {
    String appKey;
    final String key;
    final String iv;
    final Set<Registration> registrations = new LinkedHashSet<>();
    final AtomicInteger pingEchoes = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();

    /** Wall time of the oldest PINGPONG not yet answered; null when none is outstanding. */
    Instant unansweredSince;

    Session(String key, String iv) {
      this.key = key;
      this.iv = iv;
    }
  }

  private final SimTokens tokens;
  private final InstantSource wall;
  private final Duration pingAnswerLimit;
  private final AtomicInteger closedForSilence = new AtomicInteger();
  private final boolean paper;
  private final SplittableRandom random;
  private final CountDownLatch started = new CountDownLatch(1);
  private final Map<String, WebSocket> byAppKey = new ConcurrentHashMap<>();
  private final Set<WebSocket> silenced = ConcurrentHashMap.newKeySet();
  private final Map<String, List<String>> trades = new LinkedHashMap<>();

  /** Symbols whose book changed since the last flush; each book is written once, at the flush. */
  private final Map<String, SymbolMarket> books = new LinkedHashMap<>();

  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService pinger;
  private final io.krxtrader.clock.Tally dataFramesSent = new io.krxtrader.clock.Tally();
  private volatile Exception startFailure;

  WsServer(
      int port,
      SimTokens tokens,
      InstantSource wall,
      Duration pingAnswerLimit,
      boolean paper,
      long seed) {
    super(new InetSocketAddress("127.0.0.1", port));
    this.tokens = tokens;
    this.wall = wall;
    this.pingAnswerLimit = pingAnswerLimit;
    this.paper = paper;
    this.random = new SplittableRandom(seed ^ 0x1234567L);
    setReuseAddr(true);
    // Frames are small and frequent: without TCP_NODELAY, Nagle's algorithm holds each one back
    // until the client's delayed ACK (about 40 ms), which on a fast simulated clock bunches seconds
    // of ticks into one burst.
    setTcpNoDelay(true);
    setDaemon(true);
    this.pinger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "sim-ws-ping");
              thread.setDaemon(true);
              return thread;
            });
  }

  void startAndWait(Duration pingInterval) {
    start();
    try {
      if (!started.await(10, TimeUnit.SECONDS) || startFailure != null) {
        throw new KrxTraderException(
            "the simulator's WebSocket server did not start", startFailure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted while starting the WebSocket server", e);
    }
    long millis = pingInterval.toMillis();
    pinger.scheduleAtFixedRate(this::ping, millis, millis, TimeUnit.MILLISECONDS);
  }

  URI url() {
    return URI.create("ws://127.0.0.1:" + getPort());
  }

  private void ping() {
    try {
      Instant now = wall.instant();
      String time = now.atZone(io.krxtrader.krx.TradingCalendar.KST).format(WireRecords.DATE_TIME);
      String frame = "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"" + time + "\"}}";
      for (WebSocket connection : getConnections()) {
        Session session = connection.getAttachment();
        if (session == null || !live(connection)) {
          continue;
        }
        boolean overdue;
        synchronized (session) {
          overdue =
              session.unansweredSince != null
                  && Duration.between(session.unansweredSince, now).compareTo(pingAnswerLimit) > 0;
          if (!overdue && session.unansweredSince == null) {
            session.unansweredSince = now;
          }
        }
        if (overdue) {
          closedForSilence.incrementAndGet();
          LOG.debug("Closing a WebSocket session that did not answer PINGPONG");
          connection.close(1000, "PINGPONG not answered");
        } else {
          connection.send(frame);
        }
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep pinging whatever one send did.
      LOG.warn("Simulator PINGPONG round failed", e);
    }
  }

  private static void answered(Session session) {
    synchronized (session) {
      session.unansweredSince = null;
    }
  }

  /** Sends {@code frame} as it is on every open connection. */
  void sendRaw(String frame) {
    for (WebSocket connection : getConnections()) {
      if (live(connection)) {
        connection.send(frame);
      }
    }
  }

  /**
   * Stops talking and listening on every open connection while leaving it open, like a network path
   * that dies without closing the socket; new connections are not affected.
   */
  void silenceAll() {
    silenced.addAll(getConnections());
  }

  private boolean live(WebSocket connection) {
    return connection.isOpen() && !silenced.contains(connection);
  }

  /** Cuts every connection without a close handshake. */
  void dropAll() {
    for (WebSocket connection : new ArrayList<>(getConnections())) {
      connection.closeConnection(1006, "connection dropped by fault injection");
    }
  }

  @Override
  public void onOpen(WebSocket connection, ClientHandshake handshake) {
    String key = hex(32);
    String iv = hex(16);
    connection.setAttachment(new Session(key, iv));
  }

  private synchronized String hex(int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(Long.toHexString(random.nextLong()));
    }
    return text.substring(0, length);
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    silenced.remove(connection);
    Session session = connection.getAttachment();
    if (session != null && session.appKey != null) {
      byAppKey.remove(session.appKey, connection);
      rewatch();
    }
  }

  @Override
  public void onMessage(WebSocket connection, String message) {
    if (silenced.contains(connection)) {
      return;
    }
    Session session = connection.getAttachment();
    JsonNode root;
    try {
      root = Reply.JSON.readTree(message);
    } catch (Exception e) {
      connection.send(control("", "", "9", "OPSP9999", "JSON PARSING ERROR : invalid json", null));
      return;
    }
    JsonNode header = root.get("header");
    if (header == null) {
      connection.send(
          control("", "", "9", "OPSP9999", "JSON PARSING ERROR : header not found", null));
      return;
    }
    if ("PINGPONG".equals(header.path("tr_id").asText())) {
      // Cleared before counted: whoever sees the count may rely on the answer having been taken.
      answered(session);
      session.pingEchoes.incrementAndGet();
      return;
    }
    JsonNode input = root.path("body").path("input");
    if (input.isMissingNode()) {
      connection.send(
          control("", "", "9", "OPSP9999", "JSON PARSING ERROR : input not found", null));
      return;
    }
    String trId = input.path("tr_id").asText("");
    String trKey = input.path("tr_key").asText("");
    String appKey = tokens.appKeyOfApproval(header.path("approval_key").asText("")).orElse(null);
    if (appKey == null) {
      connection.send(control(trId, trKey, "9", "OPSP8993", "invalid approval : NOT FOUND", null));
      return;
    }
    if (session.appKey == null) {
      WebSocket other = byAppKey.putIfAbsent(appKey, connection);
      if (other != null && other != connection && other.isOpen()) {
        connection.send(control("(null)", "", "9", "OPSP8996", "ALREADY IN USE appkey", null));
        connection.close(1000, "ALREADY IN USE appkey");
        return;
      }
      byAppKey.put(appKey, connection);
      session.appKey = appKey;
    }
    if (!known(trId)) {
      connection.send(
          control(trId, trKey, "9", "OPSP0009", "JSON PARSING ERROR : invalid tr_id", null));
      return;
    }
    if (trKey.isBlank()) {
      connection.send(
          control(trId, trKey, "9", "OPSP9999", "JSON PARSING ERROR : invalid tr_key", null));
      return;
    }
    Registration registration = new Registration(trId, trKey);
    String type = header.path("tr_type").asText("");
    synchronized (session) {
      if (type.equals("1")) {
        if (session.registrations.contains(registration)) {
          connection.send(control(trId, trKey, "1", "OPSP0002", "ALREADY IN SUBSCRIBE", null));
        } else if (session.registrations.size() >= MAX_REGISTRATIONS) {
          connection.send(control(trId, trKey, "9", "OPSP0008", "MAX SUBSCRIBE OVER", null));
        } else {
          session.registrations.add(registration);
          connection.send(control(trId, trKey, "0", "OPSP0000", "SUBSCRIBE SUCCESS", session));
        }
      } else if (type.equals("2")) {
        if (session.registrations.remove(registration)) {
          connection.send(control(trId, trKey, "0", "OPSP0001", "UNSUBSCRIBE SUCCESS", session));
        } else {
          connection.send(
              control(trId, trKey, "9", "OPSP0003", "UNSUBSCRIBE ERROR(not found!)", null));
        }
      } else {
        connection.send(
            control(trId, trKey, "9", "OPSP9999", "JSON PARSING ERROR : invalid tr_type", null));
      }
    }
    rewatch();
  }

  private boolean known(String trId) {
    return trId.equals("H0STCNT0")
        || trId.equals("H0STASP0")
        || trId.equals(StreamChannel.EXECUTIONS.trId(paper));
  }

  private String control(
      String trId, String trKey, String rtCd, String msgCd, String message, Session session) {
    ObjectNode root = Reply.JSON.createObjectNode();
    ObjectNode header = root.putObject("header");
    header.put("tr_id", trId);
    header.put("tr_key", trKey);
    header.put("encrypt", trId.startsWith("H0STCNI") ? "Y" : "N");
    ObjectNode body = root.putObject("body");
    body.put("rt_cd", rtCd);
    body.put("msg_cd", msgCd);
    body.put("msg1", message);
    if (session != null) {
      ObjectNode output = body.putObject("output");
      output.put("iv", session.iv);
      output.put("key", session.key);
    }
    return root.toString();
  }

  private void rewatch() {
    Set<String> symbols = new java.util.HashSet<>();
    for (WebSocket connection : getConnections()) {
      Session session = connection.getAttachment();
      if (session != null) {
        synchronized (session) {
          for (Registration registration : session.registrations) {
            symbols.add(registration.trKey());
          }
        }
      }
    }
    watched.retainAll(symbols);
    watched.addAll(symbols);
  }

  /** A pong control frame, solicited or not (RFC 6455 §5.5.3), answers PINGPONG too. */
  @Override
  public void onWebsocketPong(WebSocket connection, Framedata frame) {
    Session session = connection.getAttachment();
    if (session == null || silenced.contains(connection)) {
      return;
    }
    answered(session);
    session.pongs.incrementAndGet();
  }

  @Override
  public void onError(WebSocket connection, Exception error) {
    if (connection == null) {
      startFailure = error;
      started.countDown();
    } else {
      LOG.debug("Simulator WebSocket error: {}", error.toString());
    }
  }

  @Override
  public void onStart() {
    setConnectionLostTimeout(0);
    started.countDown();
  }

  @Override
  public void onTrade(SymbolMarket market, SymbolMarket.Trade trade) {
    String code = market.stock.symbol().code();
    if (watched.contains(code)) {
      trades.computeIfAbsent(code, c -> new ArrayList<>()).add(WireRecords.trade(market, trade));
    }
  }

  @Override
  public void onBook(SymbolMarket market) {
    String code = market.stock.symbol().code();
    if (watched.contains(code)) {
      books.put(code, market);
    }
  }

  @Override
  public void flush() {
    if (trades.isEmpty() && books.isEmpty()) {
      return;
    }
    Map<String, String> bookRecords = new HashMap<>();
    books.forEach((code, market) -> bookRecords.put(code, WireRecords.book(market)));
    for (WebSocket connection : getConnections()) {
      Session session = connection.getAttachment();
      if (session == null || !live(connection)) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      synchronized (session) {
        for (Registration registration : session.registrations) {
          String trId = registration.trId();
          String code = registration.trKey();
          if (trId.equals("H0STCNT0") && trades.containsKey(code)) {
            List<String> records = trades.get(code);
            for (int i = 0; i < records.size(); i += 10) {
              List<String> chunk = records.subList(i, Math.min(records.size(), i + 10));
              frames.add(
                  "0|H0STCNT0|"
                      + String.format("%03d", chunk.size())
                      + "|"
                      + String.join("^", chunk));
            }
          } else if (trId.equals("H0STASP0") && bookRecords.containsKey(code)) {
            frames.add("0|H0STASP0|001|" + bookRecords.get(code));
          }
        }
      }
      for (String frame : frames) {
        connection.send(frame);
        dataFramesSent.add(1);
      }
    }
    trades.clear();
    books.clear();
  }

  @Override
  public void notice(SimAccount account, String payload) {
    WebSocket connection = byAppKey.get(account.spec.appKey());
    if (connection == null || !live(connection)) {
      return;
    }
    Session session = connection.getAttachment();
    String trId = StreamChannel.EXECUTIONS.trId(paper);
    boolean registered;
    synchronized (session) {
      registered = session.registrations.contains(new Registration(trId, account.spec.htsId()));
    }
    if (registered) {
      connection.send(
          "1|" + trId + "|001|" + NoticeCipher.encrypt(payload, session.key, session.iv));
    }
  }

  /** Market data frames sent so far (what a stepped day waits to see received). */
  io.krxtrader.clock.Tally dataFramesSent() {
    return dataFramesSent;
  }

  void shutdown() {
    pinger.shutdownNow();
    try {
      stop(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** PINGPONG frames the connections of {@code appKey} echoed back. */
  int pingEchoes(String appKey) {
    int echoes = 0;
    for (WebSocket connection : getConnections()) {
      Session session = connection.getAttachment();
      if (session != null && appKey.equals(session.appKey)) {
        echoes += session.pingEchoes.get();
      }
    }
    return echoes;
  }

  /** Pong control frames the connections of {@code appKey} sent. */
  int pongs(String appKey) {
    int pongs = 0;
    for (WebSocket connection : getConnections()) {
      Session session = connection.getAttachment();
      if (session != null && appKey.equals(session.appKey)) {
        pongs += session.pongs.get();
      }
    }
    return pongs;
  }

  /** Sessions closed because a PINGPONG went unanswered past the limit. */
  int closedForSilence() {
    return closedForSilence.get();
  }

  Map<String, Integer> registrationCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (WebSocket connection : getConnections()) {
      Session session = connection.getAttachment();
      if (session != null && session.appKey != null) {
        counts.put(session.appKey, session.registrations.size());
      }
    }
    return counts;
  }
}
