package io.krxtrader.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fault injection for tests: each method arms a fault for the next matching REST call(s) or acts at
 * once (dropping WebSockets). Paths match by prefix, e.g. {@code /uapi/} for every API call.
 */
public final class Faults {

  /** Changes the account's holdings without an order (see {@link #tradeOffBook}). */
  interface OffBook {
    void trade(io.krxtrader.krx.Symbol symbol, long quantity, long price);
  }

  /** One armed REST fault. */
  record RestFault(String pathPrefix, Duration delay, int status, String body, String kind) {}

  private final Deque<RestFault> rest = new ArrayDeque<>();
  private final Deque<RestFault> naver = new ArrayDeque<>();
  private Runnable dropWebSockets = () -> {};
  private Runnable expireTokens = () -> {};
  private Runnable forgetApprovals = () -> {};
  private Runnable silenceWebSockets = () -> {};
  private Consumer<String> sendRawFrame = frame -> {};
  private OffBook offBook = (symbol, quantity, price) -> {};
  private String rejectMsgCd;
  private String rejectMessage;
  private int rejectCount;
  private int lostOrderAnswers;
  private int delayedOrderAnswers;
  private Duration orderAnswerDelay = Duration.ZERO;

  void onDropWebSockets(Runnable action) {
    this.dropWebSockets = action;
  }

  void onSilenceWebSockets(Runnable action) {
    this.silenceWebSockets = action;
  }

  void onExpireTokens(Runnable action) {
    this.expireTokens = action;
  }

  void onSendRawFrame(Consumer<String> action) {
    this.sendRawFrame = action;
  }

  void onOffBookTrade(OffBook action) {
    this.offBook = action;
  }

  void onForgetApprovals(Runnable action) {
    this.forgetApprovals = action;
  }

  /** Drops every WebSocket connection at once, without a close handshake (like a network cut). */
  public void dropWebSockets() {
    dropWebSockets.run();
  }

  /**
   * Makes every open WebSocket connection go quiet, in both directions, without closing it (like a
   * network path that dies without a FIN); the client has to notice the silence itself.
   */
  public void silenceWebSockets() {
    silenceWebSockets.run();
  }

  /** Sends {@code frame} as it is to every WebSocket connection (e.g. a malformed data frame). */
  public void sendWebSocketFrame(String frame) {
    sendRawFrame.accept(frame);
  }

  /**
   * A trade behind krx-trader's back: the simulator's account (the one of its mode's credentials)
   * buys ({@code quantity} &gt; 0) or sells ({@code quantity} &lt; 0) shares at {@code price} at
   * once, as if someone traded in another app. No order row, no execution notice: only the balance
   * (holdings, purchase cost, cash) changes, so krx-trader learns of it when it next reads the
   * balance, as a holdings mismatch. A sale is capped at the shares held.
   */
  public void tradeOffBook(io.krxtrader.krx.Symbol symbol, long quantity, long price) {
    if (quantity == 0 || price <= 0) {
      throw new IllegalArgumentException("an off-book trade needs a quantity and a price");
    }
    offBook.trade(symbol, quantity, price);
  }

  /** Delays the next {@code count} calls under {@code pathPrefix} (they then proceed normally). */
  public synchronized void delayNext(String pathPrefix, Duration delay, int count) {
    for (int i = 0; i < count; i++) {
      rest.add(new RestFault(pathPrefix, delay, 0, null, "delay"));
    }
  }

  /** Answers the next call under {@code pathPrefix} with this status and raw body. */
  public synchronized void failNext(String pathPrefix, int status, String body) {
    rest.add(new RestFault(pathPrefix, Duration.ZERO, status, body, "fail"));
  }

  /**
   * Answers the next Naver poll with this status and raw body instead of the market's quotes: an
   * older answer shape, or one the client does not know.
   */
  public synchronized void answerNextNaverPoll(int status, String body) {
    naver.add(new RestFault("/", Duration.ZERO, status, body, "fail"));
  }

  /** The next {@code count} API calls get KIS's rate-limit error (HTTP 500, EGW00201). */
  public synchronized void rateLimitNext(int count) {
    for (int i = 0; i < count; i++) {
      rest.add(
          new RestFault(
              "/uapi/",
              Duration.ZERO,
              500,
              "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}",
              "fail"));
    }
  }

  /** Every access token issued so far expires now (next call: HTTP 500, EGW00123). */
  public void expireTokens() {
    expireTokens.run();
  }

  /**
   * Every WebSocket approval key issued so far becomes unknown: a request carrying one is answered
   * with OPSP8993 "invalid approval : NOT FOUND".
   */
  public void forgetApprovals() {
    forgetApprovals.run();
  }

  /** The next {@code count} orders are rejected by the broker with this code and message. */
  public synchronized void rejectNextOrders(int count, String msgCd, String message) {
    this.rejectCount = count;
    this.rejectMsgCd = msgCd;
    this.rejectMessage = message;
  }

  /**
   * The next {@code count} cash orders are placed on the book as usual, but their answer is lost on
   * the way back: the client gets a body cut short mid-JSON (as when the connection drops after the
   * broker took the order), so it cannot know the order exists.
   */
  public synchronized void loseNextOrderAnswers(int count) {
    this.lostOrderAnswers = count;
  }

  /**
   * The next {@code count} cash orders are placed on the book as usual, but their answer leaves
   * only after {@code delay} of real time (longer than the client's timeout: the client gives up
   * while the order stands).
   */
  public synchronized void delayNextOrderAnswers(int count, Duration delay) {
    this.delayedOrderAnswers = count;
    this.orderAnswerDelay = delay;
  }

  synchronized boolean takeLostOrderAnswer() {
    if (lostOrderAnswers <= 0) {
      return false;
    }
    lostOrderAnswers--;
    return true;
  }

  synchronized Optional<Duration> takeOrderAnswerDelay() {
    if (delayedOrderAnswers <= 0) {
      return Optional.empty();
    }
    delayedOrderAnswers--;
    return Optional.of(orderAnswerDelay);
  }

  synchronized Optional<RestFault> takeRest(String path) {
    for (RestFault fault : rest) {
      if (path.startsWith(fault.pathPrefix())) {
        rest.remove(fault);
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  synchronized Optional<RestFault> takeNaver() {
    return Optional.ofNullable(naver.poll());
  }

  synchronized Optional<String[]> takeReject() {
    if (rejectCount <= 0) {
      return Optional.empty();
    }
    rejectCount--;
    return Optional.of(new String[] {rejectMsgCd, rejectMessage});
  }
}
