package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the simulator puts on the wire, read from a plain socket: every REST endpoint's response
 * head carries KIS's header names in KIS's case ({@code Content-Type}, {@code tr_id}, {@code
 * tr_cont}, {@code gt_uid}), and the paged inquiries follow {@code tr_cont} F → M → D/E with the
 * 100-character CTX_AREA keys passed back verbatim.
 */
class KisWireIT {

  static final Instant OPEN =
      LocalDateTime.parse("2026-11-23T09:00:30").atZone(TradingCalendar.KST).toInstant();
  static final List<String> KIS_HEADERS = List.of("Content-Type", "tr_id", "tr_cont", "gt_uid");
  static final String Q = KisEndpoints.Q;
  static final String T = KisEndpoints.T;

  static Simulator simulator(boolean paper) {
    return Simulator.start(
        SimulatorConfig.defaults()
            .withMode(paper)
            .withUniverse(Universe.defaultUniverse().first(30))
            .withRateLimit(1_000),
        SimulatedClock.fixed(OPEN));
  }

  /** The head has each KIS header exactly once, spelled exactly as KIS spells it. */
  static void assertKisHead(RawHttp.Response response, String trId) {
    for (String name : response.names()) {
      for (String kis : KIS_HEADERS) {
        if (name.equalsIgnoreCase(kis)) {
          assertThat(name).as("header name on the wire in\n%s", response.head()).isEqualTo(kis);
        }
      }
    }
    assertThat(response.names()).as(response.head()).containsOnlyOnceElementsOf(KIS_HEADERS);
    assertThat(response.exactly("tr_id")).as(response.head()).contains(trId);
    assertThat(response.exactly("gt_uid").orElseThrow()).matches("[0-9a-f]{32}");
    assertThat(response.exactly("Content-Type").orElseThrow()).startsWith("application/json");
  }

  static void assertSuccess(RawHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("rt_cd").asText()).as(response.body()).isEqualTo("0");
  }

  static String trading(boolean paper, String realTrId) {
    return paper ? "V" + realTrId.substring(1) : realTrId;
  }

  @ParameterizedTest(name = "paper={0}")
  @ValueSource(booleans = {true, false})
  void every_rest_endpoint_answers_with_kis_header_names_in_kis_case(boolean paper) {
    try (Simulator sim = simulator(paper)) {
      RawKis kis = new RawKis(sim);
      String code = "005930";
      Map<String, String> stock = Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", code);
      Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
      Map<String, String> trIds = new LinkedHashMap<>();

      RawHttp.Response price = kis.get(Q + "inquire-price", "FHKST01010100", "", stock);
      answers.put(Q + "inquire-price", price);
      trIds.put(Q + "inquire-price", "FHKST01010100");
      answers.put(
          Q + "inquire-asking-price-exp-ccn",
          kis.get(Q + "inquire-asking-price-exp-ccn", "FHKST01010200", "", stock));
      trIds.put(Q + "inquire-asking-price-exp-ccn", "FHKST01010200");
      Map<String, String> dailyPrice = new LinkedHashMap<>(stock);
      dailyPrice.put("FID_PERIOD_DIV_CODE", "D");
      dailyPrice.put("FID_ORG_ADJ_PRC", "1");
      answers.put(
          Q + "inquire-daily-price",
          kis.get(Q + "inquire-daily-price", "FHKST01010400", "", dailyPrice));
      trIds.put(Q + "inquire-daily-price", "FHKST01010400");
      Map<String, String> chart = new LinkedHashMap<>(stock);
      chart.put("FID_INPUT_DATE_1", "20260101");
      chart.put("FID_INPUT_DATE_2", "20261123");
      chart.put("FID_PERIOD_DIV_CODE", "D");
      chart.put("FID_ORG_ADJ_PRC", "0");
      answers.put(
          Q + "inquire-daily-itemchartprice",
          kis.get(Q + "inquire-daily-itemchartprice", "FHKST03010100", "", chart));
      trIds.put(Q + "inquire-daily-itemchartprice", "FHKST03010100");
      Map<String, String> minutes = new LinkedHashMap<>(stock);
      minutes.put("FID_ETC_CLS_CODE", "");
      minutes.put("FID_INPUT_HOUR_1", "090030");
      minutes.put("FID_PW_DATA_INCU_YN", "N");
      answers.put(
          Q + "inquire-time-itemchartprice",
          kis.get(Q + "inquire-time-itemchartprice", "FHKST03010200", "", minutes));
      trIds.put(Q + "inquire-time-itemchartprice", "FHKST03010200");

      // A buy resting at the lower limit, then its cancel.
      String lower = price.json().path("output").path("stck_llam").asText();
      String buyId = trading(paper, "TTTC0012U");
      RawHttp.Response order =
          kis.post(
              T + "order-cash",
              buyId,
              Map.of(
                  "CANO",
                  kis.cano(),
                  "ACNT_PRDT_CD",
                  kis.productCode(),
                  "PDNO",
                  code,
                  "ORD_DVSN",
                  "00",
                  "ORD_QTY",
                  "1",
                  "ORD_UNPR",
                  lower));
      answers.put(T + "order-cash", order);
      trIds.put(T + "order-cash", buyId);
      JsonNode placed = order.json().path("output");
      String cancelId = trading(paper, "TTTC0013U");
      Map<String, String> cancel = new LinkedHashMap<>();
      cancel.put("CANO", kis.cano());
      cancel.put("ACNT_PRDT_CD", kis.productCode());
      cancel.put("KRX_FWDG_ORD_ORGNO", placed.path("KRX_FWDG_ORD_ORGNO").asText());
      cancel.put("ORGN_ODNO", placed.path("ODNO").asText());
      cancel.put("ORD_DVSN", "00");
      cancel.put("RVSE_CNCL_DVSN_CD", "02");
      cancel.put("ORD_QTY", "0");
      cancel.put("ORD_UNPR", "0");
      cancel.put("QTY_ALL_ORD_YN", "Y");
      answers.put(T + "order-rvsecncl", kis.post(T + "order-rvsecncl", cancelId, cancel));
      trIds.put(T + "order-rvsecncl", cancelId);

      String balanceId = trading(paper, "TTTC8434R");
      answers.put(
          T + "inquire-balance", kis.get(T + "inquire-balance", balanceId, "", balanceQuery(kis)));
      trIds.put(T + "inquire-balance", balanceId);
      String ordersId = trading(paper, "TTTC0081R");
      answers.put(
          T + "inquire-daily-ccld",
          kis.get(T + "inquire-daily-ccld", ordersId, "", dailyOrdersQuery(kis)));
      trIds.put(T + "inquire-daily-ccld", ordersId);
      String powerId = trading(paper, "TTTC8908R");
      Map<String, String> power = new LinkedHashMap<>();
      power.put("CANO", kis.cano());
      power.put("ACNT_PRDT_CD", kis.productCode());
      power.put("PDNO", code);
      power.put("ORD_UNPR", "0");
      power.put("ORD_DVSN", "01");
      power.put("CMA_EVLU_AMT_ICLD_YN", "N");
      power.put("OVRS_ICLD_YN", "N");
      answers.put(T + "inquire-psbl-order", kis.get(T + "inquire-psbl-order", powerId, "", power));
      trIds.put(T + "inquire-psbl-order", powerId);
      // Real-only inquiries: paper answers them with KIS's error, in the same head.
      Map<String, String> sellable =
          Map.of("CANO", kis.cano(), "ACNT_PRDT_CD", kis.productCode(), "PDNO", code);
      String sellableId = trading(paper, "TTTC8408R");
      answers.put(
          T + "inquire-psbl-sell", kis.get(T + "inquire-psbl-sell", sellableId, "", sellable));
      trIds.put(T + "inquire-psbl-sell", sellableId);
      Map<String, String> revisable = new LinkedHashMap<>();
      revisable.put("CANO", kis.cano());
      revisable.put("ACNT_PRDT_CD", kis.productCode());
      revisable.put("CTX_AREA_FK100", "");
      revisable.put("CTX_AREA_NK100", "");
      revisable.put("INQR_DVSN_1", "0");
      revisable.put("INQR_DVSN_2", "0");
      String revisableId = trading(paper, "TTTC0084R");
      answers.put(
          T + "inquire-psbl-rvsecncl",
          kis.get(T + "inquire-psbl-rvsecncl", revisableId, "", revisable));
      trIds.put(T + "inquire-psbl-rvsecncl", revisableId);

      assertThat(answers.keySet())
          .as("every endpoint the simulator serves has its head checked here")
          .containsExactlyInAnyOrderElementsOf(KisEndpoints.TR_IDS.keySet());
      answers.forEach(
          (path, answer) -> {
            assertKisHead(answer, trIds.get(path));
            if (paper && KisEndpoints.REAL_ONLY.contains(path)) {
              assertThat(answer.json().path("msg1").asText()).isEqualTo("모의투자 TR 이 아닙니다.");
            } else {
              assertSuccess(answer);
            }
          });

      // The OAuth endpoints and the hash key, which carry no tr_id of their own.
      assertKisHead(kis.issued, "");
      Map<String, String> keys =
          Map.of(
              "appkey", kis.credentials.appKey().reveal(),
              "appsecret", kis.credentials.appSecret().reveal());
      RawHttp.Response approval =
          kis.http.post(
              "/oauth2/Approval",
              Map.of(),
              "{\"grant_type\":\"client_credentials\",\"appkey\":\""
                  + kis.credentials.appKey().reveal()
                  + "\",\"secretkey\":\""
                  + kis.credentials.appSecret().reveal()
                  + "\"}");
      assertKisHead(approval, "");
      assertThat(approval.json().path("approval_key").asText()).hasSize(36);
      RawHttp.Response hash = kis.http.post("/uapi/hashkey", keys, "{\"PDNO\":\"005930\"}");
      assertKisHead(hash, "");
      assertThat(hash.json().path("HASH").asText()).hasSize(64);
      RawHttp.Response throttled = kis.http.post("/oauth2/tokenP", Map.of(), kis.tokenRequest());
      assertKisHead(throttled, "");
      assertThat(throttled.status()).isEqualTo(403);
      RawHttp.Response unknown = kis.get(Q + "inquire-no-such-thing", "FHKST01010100", "", stock);
      assertKisHead(unknown, "FHKST01010100");
      assertThat(unknown.json().path("msg_cd").asText()).isEqualTo("MCA00124");
      RawHttp.Response revoked =
          kis.http.post(
              "/oauth2/revokeP",
              Map.of(),
              "{\"appkey\":\""
                  + kis.credentials.appKey().reveal()
                  + "\",\"appsecret\":\""
                  + kis.credentials.appSecret().reveal()
                  + "\",\"token\":\""
                  + kis.token
                  + "\"}");
      assertKisHead(revoked, "");
      assertThat(revoked.json().path("code").asInt()).isEqualTo(200);
    }
  }

  @Test
  void naver_answers_carry_no_kis_headers() {
    try (Simulator sim = simulator(true)) {
      RawHttp.Response answer =
          new RawHttp(sim.naverUrl())
              .get("/api/realtime/domestic/stock/005930", Map.of("Referer", "https://x/"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.names()).contains("Content-Type", "Date");
      assertThat(answer.names()).doesNotContain("tr_id", "tr_cont", "gt_uid");
      assertThat(answer.json().path("datas").get(0).path("itemCode").asText()).isEqualTo("005930");
    }
  }

  static Map<String, String> balanceQuery(RawKis kis) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("CANO", kis.cano());
    query.put("ACNT_PRDT_CD", kis.productCode());
    query.put("AFHR_FLPR_YN", "N");
    query.put("OFL_YN", "");
    query.put("INQR_DVSN", "02");
    query.put("UNPR_DVSN", "01");
    query.put("FUND_STTL_ICLD_YN", "N");
    query.put("FNCG_AMT_AUTO_RDPT_YN", "N");
    query.put("PRCS_DVSN", "00");
    query.put("CTX_AREA_FK100", "");
    query.put("CTX_AREA_NK100", "");
    return query;
  }

  static Map<String, String> dailyOrdersQuery(RawKis kis) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("CANO", kis.cano());
    query.put("ACNT_PRDT_CD", kis.productCode());
    query.put("INQR_STRT_DT", "20261123");
    query.put("INQR_END_DT", "20261123");
    query.put("SLL_BUY_DVSN_CD", "00");
    query.put("INQR_DVSN", "00");
    query.put("PDNO", "");
    query.put("CCLD_DVSN", "00");
    query.put("ORD_GNO_BRNO", "");
    query.put("ODNO", "");
    query.put("INQR_DVSN_3", "00");
    query.put("INQR_DVSN_1", "");
    query.put("CTX_AREA_FK100", "");
    query.put("CTX_AREA_NK100", "");
    return query;
  }

  /** One walk through a paged inquiry: the tr_cont of each page and every row's key. */
  record Pages(List<String> trConts, List<String> keys) {}

  /**
   * Follows {@code tr_cont} as a KIS client must: first call with {@code tr_cont: ""} and empty
   * CTX_AREA keys; while the answer's {@code tr_cont} header is F or M, call again with {@code
   * tr_cont: N} and the answer's ctx_area_fk100/nk100 passed back verbatim.
   */
  static Pages walk(
      RawKis kis, String path, String trId, Map<String, String> query, String rows, String key) {
    List<String> trConts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, String> next = new LinkedHashMap<>(query);
    String trCont = "";
    for (int page = 0; page < 50; page++) {
      RawHttp.Response answer = kis.get(path, trId, trCont, next);
      assertKisHead(answer, trId);
      assertSuccess(answer);
      String cont = answer.exactly("tr_cont").orElseThrow();
      trConts.add(cont);
      JsonNode body = answer.json();
      String fk = body.path("ctx_area_fk100").asText();
      String nk = body.path("ctx_area_nk100").asText();
      assertThat(fk).as("ctx_area_fk100 is 100 characters, space-padded").hasSize(100);
      assertThat(nk).as("ctx_area_nk100 is 100 characters, space-padded").hasSize(100);
      body.path(rows).forEach(row -> keys.add(row.path(key).asText()));
      if (!cont.equals("F") && !cont.equals("M")) {
        assertThat(nk.isBlank()).as("the last page has no next key").isTrue();
        return new Pages(trConts, keys);
      }
      assertThat(nk.isBlank()).as("a page with more after it names the next one").isFalse();
      next.put("CTX_AREA_FK100", fk);
      next.put("CTX_AREA_NK100", nk);
      trCont = "N";
    }
    throw new AssertionError("more than 50 pages: " + trConts);
  }

  static void buy(RawKis kis, boolean paper, Symbol symbol) {
    RawHttp.Response order =
        kis.post(
            T + "order-cash",
            trading(paper, "TTTC0012U"),
            Map.of(
                "CANO",
                kis.cano(),
                "ACNT_PRDT_CD",
                kis.productCode(),
                "PDNO",
                symbol.code(),
                "ORD_DVSN",
                "01",
                "ORD_QTY",
                "1",
                "ORD_UNPR",
                "0"));
    assertSuccess(order);
  }

  @ParameterizedTest(name = "paper={0}")
  @ValueSource(booleans = {true, false})
  void inquire_balance_over_22_holdings_pages_by_tr_cont_on_the_raw_wire(boolean paper) {
    try (Simulator sim = simulator(paper)) {
      RawKis kis = new RawKis(sim);
      List<Symbol> symbols = sim.config().universe().symbols().subList(0, 22);
      symbols.forEach(symbol -> buy(kis, paper, symbol));
      Pages pages =
          walk(
              kis,
              T + "inquire-balance",
              trading(paper, "TTTC8434R"),
              balanceQuery(kis),
              "output1",
              "pdno");
      // KIS's page sizes: 20 rows on paper, 50 on real.
      assertThat(pages.trConts())
          .containsExactlyElementsOf(paper ? List.of("F", "E") : List.of("D"));
      assertThat(pages.keys()).hasSize(22).doesNotHaveDuplicates();
      assertThat(new HashSet<>(pages.keys()))
          .isEqualTo(new HashSet<>(symbols.stream().map(Symbol::code).toList()));
    }
  }

  @ParameterizedTest(name = "paper={0}")
  @ValueSource(booleans = {true, false})
  void inquire_daily_ccld_over_150_orders_pages_by_tr_cont_on_the_raw_wire(boolean paper) {
    try (Simulator sim = simulator(paper)) {
      RawKis kis = new RawKis(sim);
      List<Symbol> symbols = sim.config().universe().symbols();
      for (int i = 0; i < 150; i++) {
        buy(kis, paper, symbols.get(i % symbols.size()));
      }
      Pages pages =
          walk(
              kis,
              T + "inquire-daily-ccld",
              trading(paper, "TTTC0081R"),
              dailyOrdersQuery(kis),
              "output1",
              "odno");
      // KIS's page sizes: 15 rows on paper (10 pages: F, eight M, E), 100 on real (F, E).
      List<String> expected = new ArrayList<>();
      if (paper) {
        expected.add("F");
        for (int i = 0; i < 8; i++) {
          expected.add("M");
        }
        expected.add("E");
      } else {
        expected.addAll(List.of("F", "E"));
      }
      assertThat(pages.trConts()).containsExactlyElementsOf(expected);
      assertThat(pages.keys()).hasSize(150).doesNotHaveDuplicates();
      Set<String> distinct = new HashSet<>(pages.keys());
      assertThat(distinct).hasSize(150);
    }
  }
}
