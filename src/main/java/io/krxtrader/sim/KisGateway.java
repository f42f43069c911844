package io.krxtrader.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * KIS's REST front door: the OAuth endpoints and, for every API call, the checks KIS makes before
 * the business logic — injected faults first, then app key and secret, real/paper domain
 * (EGW02004), access token (EGW00121 unknown, EGW00123 expired), the per-key rate limit (EGW00201)
 * and the tr_id for the path (old and new ids both accepted; V ids on paper). Gateway errors are
 * HTTP 500 with the normal envelope; the token endpoint's are HTTP 403 with error_code.
 */
final class KisGateway implements Function<Request, Reply> {

  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final MarketModel market;
  private final SimBroker broker;
  private final SimTokens tokens;
  private final RateWindows rates;
  private final Faults faults;
  private final KisEndpoints endpoints;
  private final boolean paper;

  KisGateway(
      MarketModel market,
      SimBroker broker,
      SimTokens tokens,
      RateWindows rates,
      Faults faults,
      boolean paper) {
    this.market = market;
    this.broker = broker;
    this.tokens = tokens;
    this.rates = rates;
    this.faults = faults;
    this.paper = paper;
    this.endpoints = new KisEndpoints(market, broker, faults, paper);
  }

  @Override
  public Reply apply(Request request) {
    Optional<Faults.RestFault> fault = faults.takeRest(request.path());
    if (fault.isPresent()) {
      sleep(fault.get().delay());
      if (fault.get().kind().equals("fail")) {
        return new Reply(fault.get().status(), fault.get().body(), "");
      }
    }
    return switch (request.path()) {
      case "/oauth2/tokenP" -> token(request);
      case "/oauth2/revokeP" -> revoke(request);
      case "/oauth2/Approval" -> approval(request);
      case "/uapi/hashkey" -> hashkey(request);
      default -> orderAnswerFaults(request, api(request));
    };
  }

  /** The order is on the book by now; its answer may still be lost or late (see {@link Faults}). */
  private Reply orderAnswerFaults(Request request, Reply reply) {
    if (!request.path().endsWith("/order-cash")) {
      return reply;
    }
    if (faults.takeLostOrderAnswer()) {
      return new Reply(reply.status(), reply.body().substring(0, reply.body().length() / 2), "");
    }
    faults.takeOrderAnswerDelay().ifPresent(KisGateway::sleep);
    return reply;
  }

  private static void sleep(Duration delay) {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Optional<SimAccount> credentials(String appKey, String appSecret) {
    synchronized (market) {
      return broker.byAppKey(appKey).filter(a -> a.spec.appSecret().equals(appSecret));
    }
  }

  private Reply token(Request request) {
    if (request.body() == null || !"client_credentials".equals(request.field("grant_type"))) {
      return Reply.tokenError(403, "EGW00002", "grant_type 이 유효하지 않습니다.");
    }
    Optional<SimAccount> account =
        credentials(nullToEmpty(request.field("appkey")), nullToEmpty(request.field("appsecret")));
    if (account.isEmpty()) {
      return Reply.tokenError(403, "EGW00103", "유효하지 않은 AppKey입니다.");
    }
    Optional<SimTokens.Token> token = tokens.issue(account.get().spec.appKey());
    if (token.isEmpty()) {
      return Reply.tokenError(403, "EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("access_token", token.get().value());
    body.put(
        "access_token_token_expired",
        token.get().expiresAt().atZone(io.krxtrader.krx.TradingCalendar.KST).format(EXPIRY));
    body.put("token_type", "Bearer");
    // Both from the wall clock (SimTokens): clients compare them with theirs, whatever the market
    // clock says.
    body.put("expires_in", Duration.between(tokens.now(), token.get().expiresAt()).toSeconds());
    return Reply.ok(body);
  }

  private Reply revoke(Request request) {
    if (credentials(nullToEmpty(request.field("appkey")), nullToEmpty(request.field("appsecret")))
            .isEmpty()
        || !tokens.revoke(nullToEmpty(request.field("token")))) {
      return Reply.tokenError(403, "EGW00121", "유효하지 않은 token 입니다.");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("code", 200);
    body.put("message", "접근토큰 폐기에 성공하였습니다");
    return Reply.ok(body);
  }

  private Reply approval(Request request) {
    Optional<SimAccount> account =
        credentials(nullToEmpty(request.field("appkey")), nullToEmpty(request.field("secretkey")));
    if (account.isEmpty()) {
      return Reply.tokenError(403, "EGW00103", "유효하지 않은 AppKey입니다.");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("approval_key", tokens.approval(account.get().spec.appKey()));
    return Reply.ok(body);
  }

  private Reply hashkey(Request request) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set("BODY", request.body() == null ? Reply.JSON.createObjectNode() : request.body());
    body.put(
        "HASH",
        Integer.toHexString(String.valueOf(request.body()).hashCode()).repeat(8).substring(0, 64));
    return Reply.ok(body);
  }

  private Reply api(Request request) {
    Optional<SimAccount> found = credentials(request.header("appkey"), request.header("appsecret"));
    if (found.isEmpty()) {
      return Reply.error(500, "1", "EGW00103", "유효하지 않은 AppKey입니다.");
    }
    SimAccount account = found.get();
    if (account.spec.paper() != paper) {
      return Reply.error(
          500,
          "1",
          "EGW02004",
          paper ? "모의투자 도메인은 실전투자 앱키로 호출하실 수 없습니다." : "실전투자 도메인은 모의투자 앱키로 호출하실 수 없습니다.");
    }
    String authorization = request.header("authorization");
    String value = authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : "";
    Optional<SimTokens.Token> token =
        tokens.find(value).filter(t -> t.appKey().equals(account.spec.appKey()));
    if (token.isEmpty()) {
      return Reply.error(500, "1", "EGW00121", "유효하지 않은 token 입니다.");
    }
    if (tokens.expired(token.get())) {
      return Reply.error(500, "1", "EGW00123", "기간이 만료된 token 입니다.");
    }
    if (!rates.tryAcquire(account.spec.appKey())) {
      return Reply.error(500, "1", "EGW00201", "초당 거래건수를 초과하였습니다.");
    }
    Set<String> ids = KisEndpoints.TR_IDS.get(request.path());
    if (ids == null) {
      return Reply.error(500, "1", "MCA00124", "해당 서비스를 찾을수 없습니다.");
    }
    String trId = request.header("tr_id");
    if (paper && KisEndpoints.REAL_ONLY.contains(request.path())) {
      return Reply.error(500, "1", "OPSQ0002", "모의투자 TR 이 아닙니다.");
    }
    String realForm = paper && trId.startsWith("V") ? "T" + trId.substring(1) : trId;
    boolean known =
        ids.contains(realForm)
            || (paper && ids.contains("C" + trId.substring(Math.min(1, trId.length()))));
    boolean quotation = trId.startsWith("FH");
    if (!known
        || (paper && !quotation && !trId.startsWith("V"))
        || (!paper && trId.startsWith("V"))) {
      return Reply.error(500, "1", "OPSQ0002", "없는 서비스 코드 입니다");
    }
    synchronized (market) {
      market.catchUp();
      return endpoints.handle(request, account, realForm);
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
