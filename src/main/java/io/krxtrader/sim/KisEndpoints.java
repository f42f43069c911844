package io.krxtrader.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.TickSize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KIS endpoints' bodies, in KIS's shapes: lower-case quotation outputs, UPPERCASE order
 * outputs, every value a string, {@code output2} an array for the balance but an object for daily
 * orders, 100-character space-padded context strings and {@code tr_cont} F/M/D/E paging with KIS's
 * page sizes (balance 50 real / 20 paper, daily orders 100 / 15). Runs under the market lock.
 */
final class KisEndpoints {

  static final String Q = "/uapi/domestic-stock/v1/quotations/";
  static final String T = "/uapi/domestic-stock/v1/trading/";
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  /** path -> real-form tr_ids accepted there (current and old); paper adds the V forms. */
  static final Map<String, Set<String>> TR_IDS =
      Map.ofEntries(
          Map.entry(Q + "inquire-price", Set.of("FHKST01010100")),
          Map.entry(Q + "inquire-asking-price-exp-ccn", Set.of("FHKST01010200")),
          Map.entry(Q + "inquire-daily-price", Set.of("FHKST01010400")),
          Map.entry(Q + "inquire-daily-itemchartprice", Set.of("FHKST03010100")),
          Map.entry(Q + "inquire-time-itemchartprice", Set.of("FHKST03010200")),
          Map.entry(T + "order-cash", Set.of("TTTC0012U", "TTTC0011U", "TTTC0802U", "TTTC0801U")),
          Map.entry(T + "order-rvsecncl", Set.of("TTTC0013U", "TTTC0803U")),
          Map.entry(T + "inquire-balance", Set.of("TTTC8434R")),
          Map.entry(
              T + "inquire-daily-ccld", Set.of("TTTC0081R", "TTTC8001R", "CTSC9215R", "CTSC9115R")),
          Map.entry(T + "inquire-psbl-order", Set.of("TTTC8908R")),
          Map.entry(T + "inquire-psbl-sell", Set.of("TTTC8408R")),
          Map.entry(T + "inquire-psbl-rvsecncl", Set.of("TTTC0084R", "TTTC8036R")));

  /** Real-only TRs (REFERENCE.md §4.9): paper answers "모의투자 TR 이 아닙니다." */
  static final Set<String> REAL_ONLY = Set.of(T + "inquire-psbl-sell", T + "inquire-psbl-rvsecncl");

  private final MarketModel market;
  private final SimBroker broker;
  private final Faults faults;
  private final boolean paper;

  KisEndpoints(MarketModel market, SimBroker broker, Faults faults, boolean paper) {
    this.market = market;
    this.broker = broker;
    this.faults = faults;
    this.paper = paper;
  }

  Reply handle(Request request, SimAccount account, String trId) {
    String name = request.path().substring(request.path().lastIndexOf('/') + 1);
    return switch (name) {
      case "inquire-price" -> price(request);
      case "inquire-asking-price-exp-ccn" -> book(request);
      case "inquire-daily-price" -> dailyPrices(request);
      case "inquire-daily-itemchartprice" -> daily(request);
      case "inquire-time-itemchartprice" -> minutes(request);
      case "order-cash" -> order(request, account, trId);
      case "order-rvsecncl" -> change(request, account);
      case "inquire-balance" -> balance(request, account);
      case "inquire-daily-ccld" -> dailyOrders(request, account);
      case "inquire-psbl-order" -> buyingPower(request, account);
      case "inquire-psbl-sell" -> sellable(request, account);
      default -> revisable(request, account);
    };
  }

  private Optional<SymbolMarket> symbol(Request request) {
    return market.find(request.query("FID_INPUT_ISCD"));
  }

  private Reply noSymbol() {
    return Reply.error(200, "1", "APBK0656", "해당 종목정보가 없습니다.");
  }

  private static String s(long value) {
    return Long.toString(value);
  }

  private Reply price(Request request) {
    Optional<SymbolMarket> found = symbol(request);
    if (found.isEmpty()) {
      return noSymbol();
    }
    SymbolMarket m = found.get();
    ObjectNode body = Reply.success("MCA00000", "정상처리 되었습니다.");
    ObjectNode out = body.putObject("output");
    out.put("iscd_stat_cls_code", "55");
    out.put("marg_rate", "20.00");
    out.put("rprs_mrkt_kor_name", m.stock.market().name());
    out.put("bstp_kor_isnm", "");
    out.put("temp_stop_yn", "N");
    out.put("stck_prpr", s(m.last));
    out.put("prdy_vrss", s(m.change()));
    out.put("prdy_vrss_sign", m.sign());
    out.put("prdy_ctrt", m.changeRate());
    out.put("acml_tr_pbmn", s(m.value));
    out.put("acml_vol", s(m.volume));
    out.put("stck_oprc", s(m.open));
    out.put("stck_hgpr", s(m.high));
    out.put("stck_lwpr", s(m.low));
    out.put("stck_mxpr", s(m.limits.upper()));
    out.put("stck_llam", s(m.limits.lower()));
    out.put("stck_sdpr", s(m.previousClose));
    out.put("wghn_avrg_stck_prc", m.averagePrice());
    out.put("rstc_wdth_prc", s(m.limits.upper() - m.previousClose));
    out.put("aspr_unit", s(TickSize.of(m.last)));
    out.put("hts_deal_qty_unit_val", "1");
    out.put("stck_shrn_iscd", m.stock.symbol().code());
    out.put("vi_cls_code", "N");
    out.put("per", "0.00");
    out.put("pbr", "0.00");
    return Reply.ok(body);
  }

  private Reply book(Request request) {
    Optional<SymbolMarket> found = symbol(request);
    if (found.isEmpty()) {
      return noSymbol();
    }
    SymbolMarket m = found.get();
    ObjectNode body = Reply.success("OPSP0000", "정상처리 되었습니다.");
    ObjectNode book = body.putObject("output1");
    book.put("aspr_acpt_hour", m.bookTime.format(WireRecords.TIME));
    for (int i = 0; i < SymbolMarket.LEVELS; i++) {
      book.put("askp" + (i + 1), s(m.askPrices[i]));
      book.put("bidp" + (i + 1), s(m.bidPrices[i]));
      book.put("askp_rsqn" + (i + 1), s(Math.max(0, m.askSizes[i] - m.askTaken[i])));
      book.put("bidp_rsqn" + (i + 1), s(Math.max(0, m.bidSizes[i] - m.bidTaken[i])));
      book.put("askp_rsqn_icdc" + (i + 1), "0");
      book.put("bidp_rsqn_icdc" + (i + 1), "0");
    }
    book.put("total_askp_rsqn", s(m.totalAsk()));
    book.put("total_bidp_rsqn", s(m.totalBid()));
    book.put("new_mkop_cls_code", m.auction ? "10" : "20");
    ObjectNode expected = body.putObject("output2");
    expected.put("antc_mkop_cls_code", m.auction ? "112" : "");
    expected.put("stck_prpr", s(m.last));
    expected.put("stck_oprc", s(m.open));
    expected.put("stck_hgpr", s(m.high));
    expected.put("stck_lwpr", s(m.low));
    expected.put("stck_sdpr", s(m.previousClose));
    expected.put("antc_cnpr", s(m.auction ? m.expectedPrice : 0));
    expected.put("antc_vol", s(m.auction ? m.expectedQuantity : 0));
    expected.put("stck_shrn_iscd", m.stock.symbol().code());
    return Reply.ok(body);
  }

  private Reply daily(Request request) {
    Optional<SymbolMarket> found = symbol(request);
    if (found.isEmpty()) {
      return noSymbol();
    }
    SymbolMarket m = found.get();
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(request.query("FID_INPUT_DATE_1"), DATE);
      to = LocalDate.parse(request.query("FID_INPUT_DATE_2"), DATE);
    } catch (DateTimeParseException e) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_FID_INPUT_DATE");
    }
    List<DailyHistory.Day> days = new ArrayList<>();
    if (m.traded && !m.day.isAfter(to) && !m.day.isBefore(from)) {
      days.add(new DailyHistory.Day(m.day, m.open, m.high, m.low, m.last, m.volume, m.value));
    }
    days.addAll(market.history(m).between(from, to));
    ObjectNode body = Reply.success("MCA00000", "정상처리 되었습니다.");
    ObjectNode head = body.putObject("output1");
    head.put("stck_prpr", s(m.last));
    head.put("stck_prdy_clpr", s(m.previousClose));
    head.put("prdy_vrss", s(m.change()));
    head.put("hts_kor_isnm", m.stock.name());
    head.put("stck_shrn_iscd", m.stock.symbol().code());
    ArrayNode rows = body.putArray("output2");
    for (DailyHistory.Day day : days.subList(0, Math.min(100, days.size()))) {
      ObjectNode row = rows.addObject();
      row.put("stck_bsop_date", day.date().format(DATE));
      row.put("stck_clpr", s(day.close()));
      row.put("stck_oprc", s(day.open()));
      row.put("stck_hgpr", s(day.high()));
      row.put("stck_lwpr", s(day.low()));
      row.put("acml_vol", s(day.volume()));
      row.put("acml_tr_pbmn", s(day.value()));
      row.put("flng_cls_code", "00");
      row.put("prtt_rate", "0.00");
      row.put("mod_yn", "N");
      row.put("prdy_vrss_sign", "3");
      row.put("prdy_vrss", "0");
      row.put("revl_issu_reas", "");
    }
    return Reply.ok(body);
  }

  private Reply dailyPrices(Request request) {
    Optional<SymbolMarket> found = symbol(request);
    if (found.isEmpty()) {
      return noSymbol();
    }
    SymbolMarket m = found.get();
    List<DailyHistory.Day> days = new ArrayList<>();
    if (m.traded) {
      days.add(new DailyHistory.Day(m.day, m.open, m.high, m.low, m.last, m.volume, m.value));
    }
    days.addAll(market.history(m).between(LocalDate.MIN, m.day.minusDays(1)));
    return DailyPrices.reply(request.query("FID_PERIOD_DIV_CODE"), days);
  }

  private Reply minutes(Request request) {
    Optional<SymbolMarket> found = symbol(request);
    if (found.isEmpty()) {
      return noSymbol();
    }
    SymbolMarket m = found.get();
    LocalTime now = SymbolMarket.kstTime(market.clock().instant());
    LocalTime until;
    try {
      until = LocalTime.parse(request.query("FID_INPUT_HOUR_1"), WireRecords.TIME);
    } catch (DateTimeParseException e) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_FID_INPUT_HOUR_1");
    }
    if (until.isAfter(now)
        && market
            .day()
            .equals(io.krxtrader.krx.TradingCalendar.kstDate(market.clock().instant()))) {
      until = now; // KIS clamps a future hour to now
    }
    ObjectNode body = Reply.success("MCA00000", "정상처리 되었습니다.");
    ObjectNode head = body.putObject("output1");
    head.put("stck_prpr", s(m.last));
    head.put("stck_prdy_clpr", s(m.previousClose));
    head.put("acml_vol", s(m.volume));
    head.put("hts_kor_isnm", m.stock.name());
    ArrayNode rows = body.putArray("output2");
    int count = 0;
    long cumulative = m.value;
    for (Map.Entry<LocalTime, long[]> bar : m.minutes.descendingMap().entrySet()) {
      if (bar.getKey().isAfter(until)) {
        cumulative -= bar.getValue()[5];
        continue;
      }
      if (count++ == 30) {
        break;
      }
      long[] v = bar.getValue();
      ObjectNode row = rows.addObject();
      row.put("stck_bsop_date", m.day.format(DATE));
      row.put("stck_cntg_hour", bar.getKey().format(WireRecords.TIME));
      row.put("stck_prpr", s(v[3]));
      row.put("stck_oprc", s(v[0]));
      row.put("stck_hgpr", s(v[1]));
      row.put("stck_lwpr", s(v[2]));
      row.put("cntg_vol", s(v[4]));
      row.put("acml_tr_pbmn", s(cumulative));
      cumulative -= v[5];
    }
    return Reply.ok(body);
  }

  private Reply order(Request request, SimAccount account, String trId) {
    for (String field :
        new String[] {"CANO", "ACNT_PRDT_CD", "PDNO", "ORD_DVSN", "ORD_QTY", "ORD_UNPR"}) {
      if (request.field(field) == null) {
        return Reply.error(500, "1", "IGW00007", "MCA 전문바디 구성 중 오류가 발생하였습니다.");
      }
    }
    if (!account.spec.account().cano().equals(request.field("CANO"))) {
      return Reply.error(200, "1", "OPSQ0013", "고객정보가 일치하지 않습니다.");
    }
    Optional<String[]> reject = faults.takeReject();
    if (reject.isPresent()) {
      return Reply.error(200, "1", reject.get()[0], reject.get()[1]);
    }
    OrderSide side =
        trId.endsWith("0012U") || trId.endsWith("0802U") ? OrderSide.BUY : OrderSide.SELL;
    BrokerAnswer answer =
        broker.place(
            account,
            side,
            request.field("PDNO"),
            request.field("ORD_DVSN"),
            request.field("ORD_QTY"),
            request.field("ORD_UNPR"));
    return orderReply(answer);
  }

  private Reply change(Request request, SimAccount account) {
    for (String field :
        new String[] {
          "CANO",
          "ACNT_PRDT_CD",
          "KRX_FWDG_ORD_ORGNO",
          "ORGN_ODNO",
          "ORD_DVSN",
          "RVSE_CNCL_DVSN_CD",
          "ORD_QTY",
          "ORD_UNPR",
          "QTY_ALL_ORD_YN"
        }) {
      if (request.field(field) == null) {
        return Reply.error(500, "1", "IGW00007", "MCA 전문바디 구성 중 오류가 발생하였습니다.");
      }
    }
    String kind = request.field("RVSE_CNCL_DVSN_CD");
    if (!kind.equals("01") && !kind.equals("02")) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_RVSE_CNCL_DVSN_CD");
    }
    Optional<String[]> reject = faults.takeReject();
    if (reject.isPresent()) {
      return Reply.error(200, "1", reject.get()[0], reject.get()[1]);
    }
    BrokerAnswer answer =
        broker.change(
            account,
            request.field("ORGN_ODNO"),
            kind,
            request.field("ORD_DVSN"),
            request.field("ORD_QTY"),
            request.field("ORD_UNPR"),
            request.field("QTY_ALL_ORD_YN").equals("Y"));
    return orderReply(answer);
  }

  private static Reply orderReply(BrokerAnswer answer) {
    if (!answer.accepted()) {
      return Reply.error(200, answer.rtCd(), answer.msgCd(), answer.message());
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("rt_cd", "0");
    body.put("msg_cd", answer.msgCd());
    body.put("msg1", answer.message());
    ObjectNode out = body.putObject("output");
    out.put("KRX_FWDG_ORD_ORGNO", answer.order().branch);
    out.put("ODNO", answer.order().number);
    out.put("ORD_TMD", answer.order().time.format(WireRecords.TIME));
    return Reply.ok(body);
  }

  /** Where a paged inquiry starts: 0 on the first call, else the index kept in ctx_area_nk100. */
  private static int pageStart(Request request) {
    if (!request.header("tr_cont").equals("N")) {
      return 0;
    }
    try {
      return Integer.parseInt(request.query("CTX_AREA_NK100").strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String trCont(int start, int end, int total) {
    boolean more = end < total;
    if (more) {
      return start == 0 ? "F" : "M";
    }
    return start == 0 ? "D" : "E";
  }

  private Reply balance(Request request, SimAccount account) {
    String inqr = request.query("INQR_DVSN");
    if (!inqr.equals("01") && !inqr.equals("02")) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_INQR_DVSN");
    }
    List<Map.Entry<io.krxtrader.krx.Symbol, SimAccount.Position>> rows = new ArrayList<>();
    for (Map.Entry<io.krxtrader.krx.Symbol, SimAccount.Position> entry :
        account.positions.entrySet()) {
      SimAccount.Position p = entry.getValue();
      if (p.quantity > 0 || p.boughtToday > 0 || p.soldToday > 0) {
        rows.add(entry);
      }
    }
    int size = paper ? 20 : 50;
    int start = Math.min(pageStart(request), rows.size());
    int end = Math.min(rows.size(), start + size);
    ObjectNode body = Reply.JSON.createObjectNode();
    String cano = account.spec.account().cano();
    body.put(
        "ctx_area_fk100",
        Reply.context(cano + "^" + account.spec.account().productCode() + "^N^N^01^01^N^"));
    body.put("ctx_area_nk100", Reply.context(end < rows.size() ? Integer.toString(end) : ""));
    ArrayNode holdings = body.putArray("output1");
    long valuation = 0;
    long purchase = 0;
    for (Map.Entry<io.krxtrader.krx.Symbol, SimAccount.Position> entry :
        account.positions.entrySet()) {
      SymbolMarket m = market.find(entry.getKey()).orElseThrow();
      valuation += entry.getValue().quantity * m.last;
      purchase += entry.getValue().cost;
    }
    for (Map.Entry<io.krxtrader.krx.Symbol, SimAccount.Position> entry : rows.subList(start, end)) {
      SimAccount.Position p = entry.getValue();
      SymbolMarket m = market.find(entry.getKey()).orElseThrow();
      long value = p.quantity * m.last;
      ObjectNode row = holdings.addObject();
      row.put("pdno", entry.getKey().code());
      row.put("prdt_name", p.name == null ? m.stock.name() : p.name);
      row.put("trad_dvsn_name", "현금");
      row.put("bfdy_buy_qty", "0");
      row.put("bfdy_sll_qty", "0");
      row.put("thdt_buyqty", s(p.boughtToday));
      row.put("thdt_sll_qty", s(p.soldToday));
      row.put("hldg_qty", s(p.quantity));
      row.put("ord_psbl_qty", s(Math.max(0, account.sellable(entry.getKey()))));
      row.put(
          "pchs_avg_pric",
          p.quantity == 0
              ? "0.0000"
              : BigDecimal.valueOf(p.cost)
                  .divide(BigDecimal.valueOf(p.quantity), 4, RoundingMode.HALF_UP)
                  .toPlainString());
      row.put("pchs_amt", s(p.cost));
      row.put("prpr", s(m.last));
      row.put("evlu_amt", s(value));
      row.put("evlu_pfls_amt", s(value - p.cost));
      row.put(
          "evlu_pfls_rt",
          p.cost == 0
              ? "0.00"
              : BigDecimal.valueOf((value - p.cost) * 100L)
                  .divide(BigDecimal.valueOf(p.cost), 2, RoundingMode.HALF_UP)
                  .toPlainString());
      row.put("evlu_erng_rt", "0.00000000");
      row.put("loan_dt", "");
      row.put("loan_amt", "0");
      row.put("stln_slng_chgs", "0");
      row.put("expd_dt", "");
      row.put("fltt_rt", m.changeRate());
      row.put("bfdy_cprs_icdc", s(m.change()));
      row.put("item_mgna_rt_name", "20%");
      row.put("grta_rt_name", "");
      row.put("sbst_pric", s(m.previousClose * 7 / 10));
      row.put("stck_loan_unpr", "0.0000");
    }
    ArrayNode summaryArray = body.putArray("output2");
    ObjectNode summary = summaryArray.addObject();
    long settled = account.settledCash();
    summary.put("dnca_tot_amt", s(account.deposit));
    summary.put("nxdy_excc_amt", s(account.deposit));
    summary.put("prvs_rcdl_excc_amt", s(settled));
    summary.put("cma_evlu_amt", "0");
    summary.put("bfdy_buy_amt", "0");
    summary.put("thdt_buy_amt", s(account.buyAmount));
    summary.put("nxdy_auto_rdpt_amt", "0");
    summary.put("bfdy_sll_amt", "0");
    summary.put("thdt_sll_amt", s(account.sellAmount));
    summary.put("d2_auto_rdpt_amt", "0");
    summary.put("bfdy_tlex_amt", "0");
    summary.put("thdt_tlex_amt", s(account.fees + account.taxes));
    summary.put("tot_loan_amt", "0");
    summary.put("scts_evlu_amt", s(valuation));
    summary.put("tot_evlu_amt", s(valuation + settled));
    summary.put("nass_amt", s(valuation + settled));
    summary.put("fncg_gld_auto_rdpt_yn", "");
    summary.put("pchs_amt_smtl_amt", s(purchase));
    summary.put("evlu_amt_smtl_amt", s(valuation));
    summary.put("evlu_pfls_smtl_amt", s(valuation - purchase));
    summary.put("tot_stln_slng_chgs", "0");
    summary.put("bfdy_tot_asst_evlu_amt", s(account.deposit));
    summary.put("asst_icdc_amt", s(valuation + settled - account.deposit));
    summary.put("asst_icdc_erng_rt", "0.00000000");
    String cont = trCont(start, end, rows.size());
    boolean more = end < rows.size();
    putMessage(body, more);
    return Reply.ok(body, cont);
  }

  private void putMessage(ObjectNode body, boolean more) {
    if (paper) {
      body.put("rt_cd", "0");
      body.put("msg_cd", "20310000");
      body.put("msg1", "모의투자 조회가 완료되었습니다.                                                ");
    } else if (more) {
      body.put("rt_cd", "0");
      body.put("msg_cd", "KIOK0500");
      body.put("msg1", Reply.pad("조회가 계속됩니다..다음버튼을 Click 하십시오.", 40));
    } else {
      body.put("rt_cd", "0");
      body.put("msg_cd", "KIOK0510");
      body.put("msg1", Reply.pad("조회가 완료되었습니다", 59));
    }
  }

  private Reply dailyOrders(Request request, SimAccount account) {
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(request.query("INQR_STRT_DT"), DATE);
      to = LocalDate.parse(request.query("INQR_END_DT"), DATE);
    } catch (DateTimeParseException e) {
      return Reply.error(200, "2", "OPSQ2001", "ERROR : INPUT INVALID_CHECK_INQR_STRT_DT");
    }
    String sideFilter = request.query("SLL_BUY_DVSN_CD");
    String filledFilter = request.query("CCLD_DVSN");
    List<SimOrder> rows = new ArrayList<>();
    for (int i = account.orders.size() - 1; i >= 0; i--) {
      SimOrder o = account.orders.get(i);
      if (o.date.isBefore(from) || o.date.isAfter(to)) {
        continue;
      }
      if ((sideFilter.equals("01") && o.side != OrderSide.SELL)
          || (sideFilter.equals("02") && o.side != OrderSide.BUY)) {
        continue;
      }
      if ((filledFilter.equals("01") && o.filled == 0)
          || (filledFilter.equals("02") && o.open() == 0)) {
        continue;
      }
      rows.add(o);
    }
    if (request.query("INQR_DVSN").equals("01")) {
      java.util.Collections.reverse(rows);
    }
    int size = paper ? 15 : 100;
    int start = Math.min(pageStart(request), rows.size());
    int end = Math.min(rows.size(), start + size);
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put(
        "ctx_area_fk100",
        Reply.context(
            account.spec.account().cano()
                + "^"
                + account.spec.account().productCode()
                + "^"
                + from.format(DATE)
                + "^"
                + to.format(DATE)
                + "^ ^00^00^"));
    body.put("ctx_area_nk100", Reply.context(end < rows.size() ? Integer.toString(end) : ""));
    ArrayNode out = body.putArray("output1");
    long totalQty = 0;
    long totalFilled = 0;
    long totalAmount = 0;
    for (SimOrder o : rows) {
      totalQty += o.quantity;
      totalFilled += o.filled;
      totalAmount += o.filledAmount;
    }
    for (SimOrder o : rows.subList(start, end)) {
      ObjectNode row = out.addObject();
      row.put("ord_dt", o.date.format(DATE));
      row.put("ord_gno_brno", o.branch);
      row.put("odno", o.number);
      row.put("orgn_odno", o.original.isEmpty() && paper ? o.number : o.original);
      row.put("ord_dvsn_name", o.type.priced() ? "지정가" : "시장가");
      row.put("sll_buy_dvsn_cd", o.side.code());
      row.put(
          "sll_buy_dvsn_cd_name",
          paper
              ? (o.side == OrderSide.BUY ? "매수" : "매도")
              : (o.side == OrderSide.BUY ? "현금매수" : "현금매도"));
      row.put("pdno", o.symbol.code());
      row.put("prdt_name", o.name);
      row.put("ord_qty", s(o.quantity));
      row.put("ord_unpr", s(o.price));
      row.put("ord_tmd", o.time.format(WireRecords.TIME));
      row.put("tot_ccld_qty", s(o.filled));
      row.put(
          "avg_prvs",
          o.filled == 0
              ? "0"
              : BigDecimal.valueOf(o.filledAmount)
                  .divide(BigDecimal.valueOf(o.filled), 0, RoundingMode.HALF_UP)
                  .toPlainString());
      row.put("cncl_yn", o.change.equals("2") ? "Y" : "");
      row.put("tot_ccld_amt", s(o.filledAmount));
      row.put("loan_dt", "");
      row.put("ordr_empno", paper ? "" : "OpnAPI");
      row.put("ord_dvsn_cd", o.type.code());
      row.put("cncl_cfrm_qty", s(o.change.equals("2") ? o.quantity : o.cancelled));
      row.put("rmn_qty", s(o.open()));
      row.put("rjct_qty", "0");
      row.put(
          "ccld_cndt_name",
          o.type.immediateOrCancel() ? "IOC" : o.type.fillOrKill() ? "FOK" : "없음");
      row.put("inqr_ip_addr", "");
      row.put("cpbc_ordp_ord_rcit_dvsn_cd", "");
      row.put("cpbc_ordp_infm_mthd_dvsn_cd", "");
      row.put("infm_tmd", "");
      row.put("ctac_tlno", "");
      row.put("prdt_type_cd", "300");
      row.put("excg_dvsn_cd", "02");
      row.put("cpbc_ordp_mtrl_dvsn_cd", "");
      row.put("ord_orgno", o.branch);
      row.put("rsvn_ord_end_dt", "");
      row.put("excg_id_dvsn_cd", "KRX");
    }
    ObjectNode totals = body.putObject("output2");
    totals.put("tot_ord_qty", s(totalQty));
    totals.put("tot_ccld_qty", s(totalFilled));
    totals.put("tot_ccld_amt", s(totalAmount));
    totals.put("prsm_tlex_smtl", s(account.fees + account.taxes));
    totals.put(
        "pchs_avg_pric",
        totalFilled == 0
            ? "0.0000"
            : BigDecimal.valueOf(totalAmount)
                .divide(BigDecimal.valueOf(totalFilled), 4, RoundingMode.HALF_UP)
                .toPlainString());
    putMessage(body, end < rows.size());
    return Reply.ok(body, trCont(start, end, rows.size()));
  }

  private Reply buyingPower(Request request, SimAccount account) {
    Optional<SymbolMarket> found = market.find(request.query("PDNO"));
    if (found.isEmpty()) {
      return Reply.error(200, "7", "APBK0656", "해당 종목정보가 없습니다.");
    }
    SymbolMarket m = found.get();
    long price;
    try {
      price = Long.parseLong(request.query("ORD_UNPR").strip());
    } catch (NumberFormatException e) {
      price = 0;
    }
    if (price <= 0 || request.query("ORD_DVSN").equals("01")) {
      price = m.limits.upper();
    }
    long cash = Math.max(0, account.orderableCash());
    long quantity = 0;
    while (Fees.withCommission((quantity + 1) * price) <= cash && quantity < 100_000_000) {
      long step = Math.max(1, (cash / Math.max(1, price) - quantity) / 2);
      quantity += Fees.withCommission((quantity + step) * price) <= cash ? step : 1;
    }
    ObjectNode body = Reply.success("KIOK0510", "조회가 완료되었습니다");
    ObjectNode out = body.putObject("output");
    out.put("ord_psbl_cash", s(cash));
    out.put("ord_psbl_sbst", "0");
    out.put("ruse_psbl_amt", "0");
    out.put("fund_rpch_chgs", "0");
    out.put("psbl_qty_calc_unpr", s(price));
    out.put("nrcvb_buy_amt", s(quantity * price));
    out.put("nrcvb_buy_qty", s(quantity));
    out.put("max_buy_amt", s(quantity * price));
    out.put("max_buy_qty", s(quantity));
    out.put("cma_evlu_amt", "0");
    out.put("ovrs_re_use_amt_wcrc", "0");
    out.put("ord_psbl_frcr_amt_wcrc", "0");
    return Reply.ok(body);
  }

  private Reply sellable(Request request, SimAccount account) {
    Optional<SymbolMarket> found = market.find(request.query("PDNO"));
    if (found.isEmpty()) {
      return Reply.error(200, "7", "APBK0656", "해당 종목정보가 없습니다.");
    }
    SymbolMarket m = found.get();
    SimAccount.Position p = account.positions.get(m.stock.symbol());
    long quantity = p == null ? 0 : p.quantity;
    long cost = p == null ? 0 : p.cost;
    ObjectNode body = Reply.success("KIOK0420", "정상적으로 조회되었습니다");
    ObjectNode out = body.putObject("output");
    out.put("pdno", m.stock.symbol().code());
    out.put("prdt_name", m.stock.name());
    out.put("buy_qty", s(p == null ? 0 : p.boughtToday));
    out.put("sll_qty", s(p == null ? 0 : p.soldToday));
    out.put("cblc_qty", s(quantity));
    out.put("nsvg_qty", "0");
    out.put("ord_psbl_qty", s(Math.max(0, account.sellable(m.stock.symbol()))));
    out.put(
        "pchs_avg_pric",
        quantity == 0
            ? "0.0000"
            : BigDecimal.valueOf(cost)
                .divide(BigDecimal.valueOf(quantity), 4, RoundingMode.HALF_UP)
                .toPlainString());
    out.put("pchs_amt", s(cost));
    out.put("now_pric", s(m.last));
    out.put("evlu_amt", s(quantity * m.last));
    out.put("evlu_pfls_amt", s(quantity * m.last - cost));
    out.put(
        "evlu_pfls_rt",
        cost == 0
            ? "0.00"
            : BigDecimal.valueOf((quantity * m.last - cost) * 100L)
                .divide(BigDecimal.valueOf(cost), 2, RoundingMode.HALF_UP)
                .toPlainString());
    return Reply.ok(body);
  }

  private Reply revisable(Request request, SimAccount account) {
    ObjectNode body = Reply.success("KIOK0510", "조회가 완료되었습니다");
    body.put(
        "ctx_area_fk100",
        Reply.context(
            account.spec.account().cano() + "^" + account.spec.account().productCode() + "^"));
    body.put("ctx_area_nk100", Reply.context(""));
    ArrayNode out = body.putArray("output");
    for (SimOrder o : account.orders) {
      if (o.open() <= 0) {
        continue;
      }
      ObjectNode row = out.addObject();
      row.put("ord_gno_brno", o.branch);
      row.put("odno", o.number);
      row.put("orgn_odno", o.original);
      row.put("ord_dvsn_name", o.type.priced() ? "지정가" : "시장가");
      row.put("pdno", o.symbol.code());
      row.put("prdt_name", o.name);
      row.put("rvse_cncl_dvsn_name", o.side == OrderSide.BUY ? "매수" : "매도");
      row.put("ord_qty", s(o.quantity));
      row.put("ord_unpr", s(o.price));
      row.put("ord_tmd", o.time.format(WireRecords.TIME));
      row.put("tot_ccld_qty", s(o.filled));
      row.put("tot_ccld_amt", s(o.filledAmount));
      row.put("psbl_qty", s(o.open()));
      row.put("sll_buy_dvsn_cd", o.side.code());
      row.put("ord_dvsn_cd", o.type.code());
      row.put("mgco_aptm_odno", "");
    }
    return Reply.ok(body, "D");
  }
}
