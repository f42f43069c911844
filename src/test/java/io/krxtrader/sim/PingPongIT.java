package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KIS's PINGPONG as third-party clients answer it: echoing the text frame or sending a WebSocket
 * pong control frame both keep a session; a client answering neither is closed once the answer
 * limit has passed on the simulator's wall clock. The wall clock here moves only when the test
 * moves it, so nothing waits for the limit to pass in real time.
 */
class PingPongIT {

  static final Instant OPEN =
      LocalDateTime.parse("2026-11-23T09:00:30").atZone(TradingCalendar.KST).toInstant();
  static final Duration LIMIT = Duration.ofSeconds(10);

  /** How a client answers PINGPONG. */
  enum Answer {
    TEXT_ECHO,
    PONG_FRAME,
    NONE
  }

  final SimulatedClock wall = SimulatedClock.fixed(Instant.now());
  final HttpClient http = HttpClient.newHttpClient();
  Simulator sim;
  Client client;

  @BeforeEach
  void start() {
    sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withUniverse(Universe.defaultUniverse().first(3))
                .withPingInterval(Duration.ofMillis(200))
                .withPingAnswerLimit(LIMIT),
            SimulatedClock.fixed(OPEN),
            wall);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.socket.abort();
    }
    sim.close();
    http.close();
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
  }

  /** A raw JDK WebSocket client that registers one symbol and answers PINGPONG its way. */
  static final class Client implements WebSocket.Listener {
    final Answer answer;
    final AtomicInteger pings = new AtomicInteger();
    final List<String> texts = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    WebSocket socket;

    Client(Answer answer) {
      this.answer = answer;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        texts.add(text);
        if (text.contains("\"PINGPONG\"")) {
          switch (answer) {
            case TEXT_ECHO -> sending = sending.thenCompose(w -> webSocket.sendText(text, true));
            case PONG_FRAME ->
                sending =
                    sending.thenCompose(
                        w ->
                            webSocket.sendPong(
                                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
            case NONE -> {}
          }
          pings.incrementAndGet();
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  Client connect(Answer answer) throws Exception {
    RawHttp.Response approval =
        new RawHttp(sim.restUrl())
            .post(
                "/oauth2/Approval",
                Map.of(),
                "{\"grant_type\":\"client_credentials\",\"appkey\":\""
                    + sim.credentials().appKey().reveal()
                    + "\",\"secretkey\":\""
                    + sim.credentials().appSecret().reveal()
                    + "\"}");
    String key = approval.json().path("approval_key").asText();
    Client connected = new Client(answer);
    connected.socket =
        http.newWebSocketBuilder().buildAsync(sim.wsUrl(), connected).get(10, TimeUnit.SECONDS);
    connected
        .socket
        .sendText(
            "{\"header\":{\"approval_key\":\""
                + key
                + "\",\"custtype\":\"P\",\"tr_type\":\"1\",\"content-type\":\"utf-8\"},"
                + "\"body\":{\"input\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\"}}}",
            true)
        .get(10, TimeUnit.SECONDS);
    eventually()
        .until(() -> connected.texts.stream().anyMatch(t -> t.contains("SUBSCRIBE SUCCESS")));
    return connected;
  }

  int answers(Answer answer) {
    return answer == Answer.PONG_FRAME
        ? sim.pongFrames(sim.credentials().appKey())
        : sim.pingEchoes(sim.credentials().appKey());
  }

  @ParameterizedTest
  @EnumSource(
      value = Answer.class,
      names = {"TEXT_ECHO", "PONG_FRAME"})
  void an_answered_pingpong_keeps_the_session_past_the_limit(Answer answer) throws Exception {
    client = connect(answer);
    eventually().until(() -> answers(answer) >= 1);
    // 18 s of wall time in steps shorter than the 10 s limit, each answered before the next.
    for (int step = 0; step < 3; step++) {
      wall.advance(Duration.ofSeconds(6));
      int before = answers(answer);
      eventually().until(() -> answers(answer) > before);
    }
    // Two more PINGPONGs: at least one round after the last step checked the limit and went on.
    int seen = client.pings.get();
    eventually().until(() -> client.pings.get() >= seen + 2);
    assertThat(client.closed).isNotDone();
    assertThat(sim.sessionsClosedForSilence()).isZero();
    if (answer == Answer.PONG_FRAME) {
      assertThat(sim.pingEchoes(sim.credentials().appKey())).isZero();
    } else {
      assertThat(sim.pongFrames(sim.credentials().appKey())).isZero();
    }
  }

  @Test
  void a_client_that_answers_neither_is_dropped_once_the_limit_passes() throws Exception {
    client = connect(Answer.NONE);
    // Unanswered PINGPONGs alone drop nobody: the limit is wall time, which stands still here.
    eventually().until(() -> client.pings.get() >= 5);
    assertThat(client.closed).isNotDone();
    assertThat(sim.sessionsClosedForSilence()).isZero();

    wall.advance(LIMIT.plusSeconds(1));
    eventually().until(client.closed::isDone);
    assertThat(client.closed).isCompletedWithValue(1000);
    assertThat(sim.sessionsClosedForSilence()).isEqualTo(1);
    assertThat(sim.pingEchoes(sim.credentials().appKey())).isZero();
  }
}
