package io.krxtrader.kis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.config.Secret;
import io.krxtrader.krx.Symbol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIS real-time WebSocket session of one app key: trades, books and execution notices.
 *
 * <p>Contract: at most {@value #MAX_REGISTRATIONS} registrations per session (KIS's cap; the 42nd
 * is refused here, before anything is sent); one session per app key in this process (KIS answers a
 * second one with {@code OPSP8996 ALREADY IN USE appkey}). When the connection drops the session
 * reconnects with doubling delays ({@code kis.reconnect-min} to {@code kis.reconnect-max}),
 * re-sends every registration, and reports each step as a {@link ConnectionEvent}: data between
 * {@code DISCONNECTED} and {@code RESUBSCRIBED} is lost and must be treated as a gap. {@code
 * PINGPONG} frames are echoed. A refused approval key is dropped with its connection, and the
 * reconnect asks for a new one. Malformed frames are reported as {@link StreamProblem}s and
 * skipped.
 */
public final class KisStream implements AutoCloseable {

  public static final int MAX_REGISTRATIONS = 41;

  private static final Logger LOG = LoggerFactory.getLogger(KisStream.class);
  private static final Set<String> OPEN_SESSIONS = ConcurrentHashMap.newKeySet();

  /** One (tr_id, tr_key) registration; the HTS id of notice registrations never prints. */
  private record Registration(String trId, String trKey, boolean secretKey) {
    @Override
    public String toString() {
      return trId + (secretKey ? "" : ":" + trKey);
    }
  }

  private final HttpClient client;
  private final URI wsUrl;
  private final AccessTokens tokens;
  private final InstantSource clock;
  private final KisStreamListener listener;
  private final KisConfig config;
  private final String sessionKey;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final Object sendLock = new Object();
  private final Set<Registration> registrations = new LinkedHashSet<>();
  private final Map<Registration, CompletableFuture<Void>> pending = new HashMap<>();
  private final Map<Registration, CompletableFuture<Void>> pendingRelease = new HashMap<>();
  private final Map<String, String[]> keys = new ConcurrentHashMap<>();

  private WebSocket socket;
  private Secret approvalKey;
  private int generation;
  private int attempt;
  private boolean everConnected;
  private boolean closed;
  private Set<Registration> resubscribing;

  /** When the current connection last received a frame (System.nanoTime: liveness, not domain). */
  private volatile long lastFrameNanos;

  /** Market data frames handled (a stepped day waits until these match the frames sent). */
  private final io.krxtrader.clock.Tally dataFramesReceived;

  private KisStream(
      HttpClient client,
      KisConfig config,
      AccessTokens tokens,
      InstantSource clock,
      KisStreamListener listener,
      io.krxtrader.clock.Tally dataFramesReceived) {
    this.client = client;
    this.dataFramesReceived = dataFramesReceived;
    this.config = config;
    this.wsUrl =
        config
            .wsUrl()
            .orElseThrow(
                () ->
                    new KisException("no WebSocket URL configured [key=" + KisConfig.WS_URL + "]"));
    this.tokens = tokens;
    this.clock = clock;
    this.listener = listener;
    this.sessionKey = tokens.keyId();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kis-stream-reconnect");
              thread.setDaemon(true);
              return thread;
            });
  }

  static KisStream open(
      HttpClient client,
      KisConfig config,
      AccessTokens tokens,
      InstantSource clock,
      KisStreamListener listener,
      io.krxtrader.clock.Tally dataFramesReceived) {
    if (!OPEN_SESSIONS.add(tokens.keyId())) {
      throw new KisException(
          "a KIS WebSocket session for this app key is already open in this process; KIS allows one");
    }
    KisStream stream;
    try {
      stream = new KisStream(client, config, tokens, clock, listener, dataFramesReceived);
    } catch (RuntimeException e) {
      OPEN_SESSIONS.remove(tokens.keyId());
      throw e;
    }
    stream.connect();
    long every = Math.max(100, Math.min(1_000, config.silenceLimit().toMillis() / 4));
    stream.scheduler.scheduleWithFixedDelay(
        stream::dropIfSilent, every, every, TimeUnit.MILLISECONDS);
    return stream;
  }

  /**
   * A connection that has heard nothing, not even KIS's PINGPONG, for the silence limit is taken
   * for dropped: a network cut without a FIN never closes a socket, and the JDK's WebSocket can
   * miss an end of stream that arrives while it is asking for the next frame (seen with the
   * simulator's drops). Either way the data is stale; reconnecting is what the gap ledger and
   * PriceSync need.
   */
  private void dropIfSilent() {
    WebSocket current;
    int currentGeneration;
    synchronized (lock) {
      current = socket;
      currentGeneration = generation;
    }
    long silentMillis = (System.nanoTime() - lastFrameNanos) / 1_000_000;
    if (current != null && silentMillis >= config.silenceLimit().toMillis()) {
      dropped(currentGeneration, "nothing received for " + silentMillis + " ms");
      current.abort();
    }
  }

  /** Registers for a symbol's trades or book; completes when KIS acknowledges. */
  public CompletableFuture<Void> subscribe(StreamChannel channel, Symbol symbol) {
    if (channel == StreamChannel.EXECUTIONS) {
      throw new IllegalArgumentException(
          "execution notices are keyed by HTS id: use subscribeExecutions()");
    }
    return register(
        new Registration(channel.trId(config.environment().paper()), symbol.code(), false));
  }

  /** Registers for this account's execution notices (tr_key: the configured HTS id). */
  public CompletableFuture<Void> subscribeExecutions() {
    return register(
        new Registration(
            StreamChannel.EXECUTIONS.trId(config.environment().paper()),
            config.credentials().htsId().reveal(),
            true));
  }

  public CompletableFuture<Void> unsubscribe(StreamChannel channel, Symbol symbol) {
    return release(
        new Registration(channel.trId(config.environment().paper()), symbol.code(), false));
  }

  public CompletableFuture<Void> unsubscribeExecutions() {
    return release(
        new Registration(
            StreamChannel.EXECUTIONS.trId(config.environment().paper()),
            config.credentials().htsId().reveal(),
            true));
  }

  /** Registrations held, acknowledged or not. */
  public int registrations() {
    synchronized (lock) {
      return registrations.size();
    }
  }

  public boolean connected() {
    synchronized (lock) {
      return socket != null;
    }
  }

  private CompletableFuture<Void> register(Registration registration) {
    WebSocket target;
    CompletableFuture<Void> future;
    synchronized (lock) {
      requireOpen();
      if (registrations.contains(registration)) {
        CompletableFuture<Void> existing = pending.get(registration);
        return existing != null ? existing : CompletableFuture.completedFuture(null);
      }
      if (registrations.size() >= MAX_REGISTRATIONS) {
        throw new KisException(
            "KIS allows at most "
                + MAX_REGISTRATIONS
                + " real-time registrations per WebSocket session; unsubscribe something first"
                + " [registered="
                + registrations.size()
                + ", requested="
                + registration
                + "]");
      }
      registrations.add(registration);
      future = new CompletableFuture<>();
      pending.put(registration, future);
      target = socket;
    }
    if (target != null) {
      send(target, message(registration, "1"));
    }
    return future;
  }

  private CompletableFuture<Void> release(Registration registration) {
    WebSocket target;
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (lock) {
      requireOpen();
      if (!registrations.remove(registration)) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> waiting = pending.remove(registration);
      if (waiting != null) {
        waiting.cancel(false);
      }
      target = socket;
      if (target == null) {
        return CompletableFuture.completedFuture(null);
      }
      pendingRelease.put(registration, future);
    }
    send(target, message(registration, "2"));
    return future;
  }

  private void requireOpen() {
    if (closed) {
      throw new KisException("the KIS WebSocket session is closed");
    }
  }

  private String message(Registration registration, String trType) {
    return request(
        approvalKey == null ? "" : approvalKey.reveal(),
        trType,
        registration.trId(),
        registration.trKey());
  }

  /** A registration ({@code trType} 1) or release (2) request. */
  static String request(String approvalKey, String trType, String trId, String trKey) {
    ObjectNode root = KisHttp.JSON.createObjectNode();
    ObjectNode header = root.putObject("header");
    header.put("approval_key", approvalKey);
    header.put("custtype", "P");
    header.put("tr_type", trType);
    header.put("content-type", "utf-8");
    ObjectNode input = root.putObject("body").putObject("input");
    input.put("tr_id", trId);
    input.put("tr_key", trKey);
    return root.toString();
  }

  private void connect() {
    int myGeneration;
    synchronized (lock) {
      if (closed) {
        return;
      }
      myGeneration = ++generation;
    }
    WebSocket webSocket;
    Secret approval;
    try {
      approval = tokens.approvalKey();
      webSocket =
          client
              .newWebSocketBuilder()
              .connectTimeout(config.timeout())
              .buildAsync(wsUrl, new Receiver(myGeneration))
              .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      dropped(myGeneration, "connect failed: " + cause.getClass().getSimpleName());
      return;
    }
    List<Registration> toSend;
    boolean reconnect;
    int attempts;
    synchronized (lock) {
      if (closed || myGeneration != generation) {
        webSocket.abort();
        return;
      }
      socket = webSocket;
      approvalKey = approval;
      reconnect = everConnected;
      everConnected = true;
      attempts = attempt;
      attempt = 0;
      keys.clear();
      toSend = new ArrayList<>(registrations);
      for (Registration registration : toSend) {
        pending.computeIfAbsent(registration, r -> new CompletableFuture<>());
      }
      resubscribing = reconnect && !toSend.isEmpty() ? new HashSet<>(toSend) : null;
    }
    emit(
        reconnect ? ConnectionEvent.Type.RECONNECTED : ConnectionEvent.Type.CONNECTED,
        attempts,
        "");
    if (reconnect && toSend.isEmpty()) {
      emit(ConnectionEvent.Type.RESUBSCRIBED, attempts, "");
    }
    for (Registration registration : toSend) {
      send(webSocket, message(registration, "1"));
    }
  }

  private void dropped(int droppedGeneration, String reason) {
    int attempts;
    List<CompletableFuture<Void>> released;
    synchronized (lock) {
      if (closed || droppedGeneration != generation) {
        return;
      }
      generation++; // whatever the dropped connection still reports is stale
      socket = null;
      resubscribing = null;
      keys.clear();
      attempts = ++attempt;
      // A release waiting for its answer is done: the next session starts without it.
      released = new ArrayList<>(pendingRelease.values());
      pendingRelease.clear();
    }
    released.forEach(f -> f.complete(null));
    emit(ConnectionEvent.Type.DISCONNECTED, attempts, reason);
    long minimum = config.reconnectMin().toMillis();
    long delay = Math.min(config.reconnectMax().toMillis(), minimum << Math.min(20, attempts - 1));
    LOG.info(
        "KIS WebSocket disconnected ({}); reconnecting in {} ms [attempt={}]",
        reason,
        delay,
        attempts);
    try {
      scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void send(WebSocket target, String text) {
    try {
      synchronized (sendLock) {
        target.sendText(text, true).get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("KIS WebSocket send failed: {}", e.getClass().getSimpleName());
    }
  }

  private void emit(ConnectionEvent.Type type, int attempts, String reason) {
    ConnectionEvent event = new ConnectionEvent(type, clock.instant(), attempts, reason);
    try {
      listener.onConnection(event);
    } catch (RuntimeException e) {
      LOG.warn("KIS stream listener failed on a connection event", e);
    }
  }

  private void problem(String what, String text) {
    String excerpt = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    try {
      listener.onProblem(new StreamProblem(clock.instant(), what, excerpt));
    } catch (RuntimeException e) {
      LOG.warn("KIS stream listener failed on a problem report", e);
    }
  }

  private void handle(WebSocket from, int fromGeneration, String text) {
    if (text.startsWith("{")) {
      control(from, fromGeneration, text);
    } else if (text.startsWith("0") || text.startsWith("1")) {
      data(text);
      if (text.startsWith("0")) {
        dataFramesReceived.add(1);
      }
    } else {
      problem("unrecognised WebSocket frame", text);
    }
  }

  private void control(WebSocket from, int fromGeneration, String text) {
    StreamFrames.Control control;
    try {
      control = StreamFrames.control(text);
    } catch (KisException e) {
      problem(e.getMessage(), text);
      return;
    }
    if (control.pingpong()) {
      send(from, text);
      return;
    }
    if (control.approvalRefused()) {
      Secret refused;
      synchronized (lock) {
        refused = approvalKey;
      }
      if (refused != null) {
        tokens.approvalRejected(refused);
      }
      problem(
          "KIS refused the WebSocket approval key; reconnecting with a new one [msgCd="
              + control.msgCd()
              + "]",
          control.message());
      dropped(fromGeneration, "approval key refused");
      from.abort();
      return;
    }
    String trId = control.trId();
    Registration registration = find(trId, control.trKey());
    if (control.hasKey()) {
      keys.put(trId, new String[] {control.key(), control.iv()});
    }
    boolean ok = control.ok();
    boolean released = control.released();
    CompletableFuture<Void> future;
    boolean allResubscribed = false;
    synchronized (lock) {
      future =
          registration == null
              ? null
              : (released ? pendingRelease.remove(registration) : pending.remove(registration));
      if (ok && !released && resubscribing != null && registration != null) {
        resubscribing.remove(registration);
        if (resubscribing.isEmpty()) {
          resubscribing = null;
          allResubscribed = true;
        }
      }
    }
    if (ok) {
      if (future != null) {
        future.complete(null);
      }
    } else {
      String what =
          "KIS refused a WebSocket request [msgCd="
              + control.msgCd()
              + ", msg1="
              + control.message()
              + "]";
      problem(what, registration == null ? trId : registration.toString());
      if (future != null) {
        future.completeExceptionally(
            new KisApiException(
                "WebSocket registration refused",
                new KisError(0, control.rtCd(), control.msgCd(), control.message())));
      }
    }
    if (allResubscribed) {
      emit(ConnectionEvent.Type.RESUBSCRIBED, 0, "");
    }
  }

  private Registration find(String trId, String trKey) {
    synchronized (lock) {
      for (Registration registration : registrations) {
        if (registration.trId().equals(trId) && registration.trKey().equals(trKey)) {
          return registration;
        }
      }
      for (Registration registration : pendingRelease.keySet()) {
        if (registration.trId().equals(trId) && registration.trKey().equals(trKey)) {
          return registration;
        }
      }
      return null;
    }
  }

  private void data(String text) {
    StreamFrames.Frame frame;
    try {
      frame = StreamFrames.frame(text);
    } catch (KisException e) {
      problem(e.getMessage(), text);
      return;
    }
    String excerpt = frame.encrypted() ? text.substring(0, Math.min(text.length(), 20)) : text;
    String payload = frame.payload();
    if (frame.encrypted()) {
      String[] key = keys.get(frame.trId());
      if (key == null) {
        problem("an encrypted frame arrived before its key [trId=" + frame.trId() + "]", excerpt);
        return;
      }
      try {
        payload = NoticeCipher.decrypt(payload, key[0], key[1]);
      } catch (KisException e) {
        problem("malformed " + frame.trId() + " frame: " + e.getMessage(), excerpt);
        return;
      }
    }
    switch (frame.trId()) {
      case "H0STCNT0" ->
          deliver(
              frame,
              payload,
              excerpt,
              StreamFrames.TRADE_FIELDS,
              StreamFrames::trade,
              listener::onTrade);
      case "H0STASP0" ->
          deliver(
              frame,
              payload,
              excerpt,
              StreamFrames.QUOTE_FIELDS,
              StreamFrames::quote,
              listener::onQuote);
      case "H0STCNI0", "H0STCNI9" ->
          deliver(
              frame,
              payload,
              excerpt,
              StreamFrames.OLD_NOTICE_FIELDS,
              StreamFrames::notice,
              listener::onExecution);
      default ->
          problem(
              "a frame for a tr_id this client does not read [trId=" + frame.trId() + "]", excerpt);
    }
  }

  /**
   * Parses each record of a frame and hands it to the listener: a malformed record is reported and
   * skipped without losing the others; a listener's own failure is logged, never taken for a
   * malformed frame.
   */
  private <T> void deliver(
      StreamFrames.Frame frame,
      String payload,
      String excerpt,
      int minimumFields,
      BiFunction<String[], Instant, T> parse,
      Consumer<T> call) {
    List<String[]> records;
    try {
      records = StreamFrames.records(payload, frame.count(), minimumFields);
    } catch (KisException e) {
      problem("malformed " + frame.trId() + " frame: " + e.getMessage(), excerpt);
      return;
    }
    Instant now = clock.instant();
    for (String[] record : records) {
      T value;
      try {
        value = parse.apply(record, now);
      } catch (RuntimeException e) {
        problem("malformed " + frame.trId() + " record: " + e.getMessage(), excerpt);
        continue;
      }
      try {
        call.accept(value);
      } catch (RuntimeException e) {
        LOG.warn("KIS stream listener failed", e);
      }
    }
  }

  /** Closes the session; no reconnect follows. */
  @Override
  public void close() {
    WebSocket target;
    List<CompletableFuture<Void>> waiting;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      target = socket;
      socket = null;
      waiting = new ArrayList<>(pending.values());
      waiting.addAll(pendingRelease.values());
      pending.clear();
      pendingRelease.clear();
    }
    scheduler.shutdownNow();
    if (target != null) {
      try {
        target.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
      } catch (Exception e) {
        target.abort();
      }
    }
    waiting.forEach(
        f -> f.completeExceptionally(new KisException("the KIS WebSocket session was closed")));
    OPEN_SESSIONS.remove(sessionKey);
    emit(ConnectionEvent.Type.CLOSED, 0, "closed");
  }

  /** Receives one connection's messages; a stale generation's events are ignored. */
  private final class Receiver implements WebSocket.Listener {

    private final int myGeneration;
    private final StringBuilder partial = new StringBuilder();

    Receiver(int myGeneration) {
      this.myGeneration = myGeneration;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      lastFrameNanos = System.nanoTime();
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastFrameNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(webSocket, myGeneration, text);
        } catch (RuntimeException e) {
          problem("failed to handle a frame: " + e.getMessage(), "");
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      dropped(
          myGeneration, "closed by the server [status=" + statusCode + ", reason=" + reason + "]");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      dropped(myGeneration, "connection error [error=" + error.getClass().getSimpleName() + "]");
    }
  }
}
