package io.krxtrader.kis;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders and the account, through the trading tr_ids of the configured environment (paper ids start
 * with {@code V}).
 *
 * <p><strong>A failed or timed-out order, revise or cancel call (a {@link KisException}) may still
 * have reached the broker and been executed.</strong> Never resend blindly: look the order up in
 * {@link #dailyOrders} first; this is why order intents carry idempotency keys. A broker refusal is
 * not an exception but {@link OrderResult.Rejected}.
 */
public final class KisTrading {

  static final String ORDER_PATH = "/uapi/domestic-stock/v1/trading/order-cash";
  static final String REVISE_PATH = "/uapi/domestic-stock/v1/trading/order-rvsecncl";
  static final String BALANCE_PATH = "/uapi/domestic-stock/v1/trading/inquire-balance";
  static final String DAILY_PATH = "/uapi/domestic-stock/v1/trading/inquire-daily-ccld";
  static final String BUYING_POWER_PATH = "/uapi/domestic-stock/v1/trading/inquire-psbl-order";
  static final String SELLABLE_PATH = "/uapi/domestic-stock/v1/trading/inquire-psbl-sell";
  private static final int MAX_PAGES = 100;

  private final RestTransport rest;
  private final KisConfig config;
  private final AccountNumber account;

  KisTrading(RestTransport rest, KisConfig config) {
    this.rest = rest;
    this.config = config;
    this.account = config.credentials().account();
  }

  /** Sends a cash buy or sell. Accepted means received by the broker, not filled. */
  public OrderResult place(OrderRequest order) {
    Map<String, String> body = accountFields();
    body.put("PDNO", order.symbol().code());
    body.put("ORD_DVSN", order.type().code());
    body.put("ORD_QTY", Long.toString(order.quantity()));
    body.put("ORD_UNPR", Long.toString(order.price()));
    if (!config.environment().paper()) {
      body.put("EXCG_ID_DVSN_CD", "KRX");
    }
    String trId =
        config.trId(order.side() == OrderSide.BUY ? config.trIds().buy() : config.trIds().sell());
    return orderResult(rest.post(ORDER_PATH, trId, body), "order");
  }

  /**
   * Changes the price (and type) of an open order; {@code quantity} 0 means all that is still open.
   * {@code branch} is the {@code KRX_FWDG_ORD_ORGNO} the order was accepted with.
   */
  public OrderResult revise(
      OrderNumber original, String branch, OrderType type, long quantity, long price) {
    return change(original, branch, type, "01", quantity, price);
  }

  /** Cancels an open order; {@code quantity} 0 means all that is still open. */
  public OrderResult cancel(OrderNumber original, String branch, long quantity) {
    return change(original, branch, OrderType.LIMIT, "02", quantity, 0);
  }

  private OrderResult change(
      OrderNumber original, String branch, OrderType type, String kind, long quantity, long price) {
    if (quantity < 0 || price < 0) {
      throw new IllegalArgumentException("quantity and price must not be negative");
    }
    Map<String, String> body = accountFields();
    body.put("KRX_FWDG_ORD_ORGNO", branch);
    body.put("ORGN_ODNO", original.value());
    body.put("ORD_DVSN", type.code());
    body.put("RVSE_CNCL_DVSN_CD", kind);
    body.put("ORD_QTY", Long.toString(quantity));
    body.put("ORD_UNPR", Long.toString(price));
    body.put("QTY_ALL_ORD_YN", quantity == 0 ? "Y" : "N");
    if (!config.environment().paper()) {
      body.put("EXCG_ID_DVSN_CD", "KRX");
    }
    return orderResult(
        rest.post(REVISE_PATH, config.trId(config.trIds().revise()), body),
        kind.equals("01") ? "revise" : "cancel");
  }

  private static OrderResult orderResult(KisResponse response, String what) {
    if (response.error().isPresent()) {
      KisError error = response.error().get();
      if (error.httpStatus() == 200) {
        return new OrderResult.Rejected(error);
      }
      throw new KisApiException(what + " call failed", error);
    }
    Fields out =
        response
            .body()
            .object("output")
            .orElseThrow(() -> new KisException("accepted " + what + " without output"));
    return new OrderResult.Accepted(
        new OrderNumber(out.trimmed("ODNO")),
        out.trimmed("KRX_FWDG_ORD_ORGNO"),
        KisTime.time(out.text("ORD_TMD")),
        response.body().trimmed("msg_cd"),
        response.body().json());
  }

  /** Every holding (following {@code tr_cont} pages) and the cash summary. */
  public Balance balance() {
    List<Holding> holdings = new ArrayList<>();
    Fields summary = null;
    String fk = "";
    String nk = "";
    String trCont = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, String> query = accountFields();
      query.put("AFHR_FLPR_YN", "N");
      query.put("OFL_YN", "");
      query.put("INQR_DVSN", "02");
      query.put("UNPR_DVSN", "01");
      query.put("FUND_STTL_ICLD_YN", "N");
      query.put("FNCG_AMT_AUTO_RDPT_YN", "N");
      query.put("PRCS_DVSN", "00");
      query.put("CTX_AREA_FK100", fk);
      query.put("CTX_AREA_NK100", nk);
      KisResponse response =
          rest.get(BALANCE_PATH, config.trId(config.trIds().balance()), query, trCont);
      Fields body = response.requireOk("balance inquiry");
      for (Fields row : body.list("output1")) {
        if (row.trimmed("pdno").isEmpty()) {
          continue;
        }
        holdings.add(
            new Holding(
                Symbol.of(row.trimmed("pdno")),
                row.trimmed("prdt_name"),
                row.longValue("hldg_qty"),
                row.longValue("ord_psbl_qty"),
                row.decimal("pchs_avg_pric"),
                row.longValue("pchs_amt"),
                row.longValue("prpr"),
                row.longValue("evlu_amt"),
                row.longValue("evlu_pfls_amt"),
                row.decimal("evlu_pfls_rt"),
                row.longValue("thdt_buyqty"),
                row.longValue("thdt_sll_qty")));
      }
      summary = body.object("output2").orElse(summary);
      if (!response.morePages()) {
        break;
      }
      fk = body.text("ctx_area_fk100");
      nk = body.text("ctx_area_nk100");
      trCont = "N";
    }
    Fields cash = summary == null ? Fields.of(null) : summary;
    return new Balance(
        holdings,
        cash.longValue("dnca_tot_amt"),
        cash.longValue("nxdy_excc_amt"),
        cash.longValue("prvs_rcdl_excc_amt"),
        cash.longValue("thdt_buy_amt"),
        cash.longValue("thdt_sll_amt"),
        cash.longValue("thdt_tlex_amt"),
        cash.longValue("scts_evlu_amt"),
        cash.longValue("tot_evlu_amt"),
        cash.longValue("pchs_amt_smtl_amt"),
        cash.longValue("evlu_pfls_smtl_amt"));
  }

  /**
   * Orders and fills between two dates (KST), newest first, all pages. KIS warns that today's
   * orders may show up here with a delay.
   */
  public List<OrderRecord> dailyOrders(LocalDate from, LocalDate to) {
    List<OrderRecord> orders = new ArrayList<>();
    String fk = "";
    String nk = "";
    String trCont = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, String> query = accountFields();
      query.put("INQR_STRT_DT", KisTime.format(from));
      query.put("INQR_END_DT", KisTime.format(to));
      query.put("SLL_BUY_DVSN_CD", "00");
      query.put("INQR_DVSN", "00");
      query.put("PDNO", "");
      query.put("CCLD_DVSN", "00");
      query.put("ORD_GNO_BRNO", "");
      query.put("ODNO", "");
      query.put("INQR_DVSN_3", "00");
      query.put("INQR_DVSN_1", "");
      query.put("CTX_AREA_FK100", fk);
      query.put("CTX_AREA_NK100", nk);
      if (!config.environment().paper()) {
        query.put("EXCG_ID_DVSN_CD", "KRX");
      }
      KisResponse response =
          rest.get(DAILY_PATH, config.trId(config.trIds().dailyOrders()), query, trCont);
      Fields body = response.requireOk("daily orders inquiry");
      for (Fields row : body.list("output1")) {
        if (row.trimmed("odno").isEmpty()) {
          continue;
        }
        orders.add(orderRecord(row));
      }
      if (!response.morePages()) {
        break;
      }
      fk = body.text("ctx_area_fk100");
      nk = body.text("ctx_area_nk100");
      trCont = "N";
    }
    return orders;
  }

  private static OrderRecord orderRecord(Fields row) {
    String original = row.trimmed("orgn_odno");
    return new OrderRecord(
        KisTime.date(row.text("ord_dt")),
        new OrderNumber(row.trimmed("odno")),
        original.isEmpty() ? Optional.empty() : Optional.of(new OrderNumber(original)),
        row.trimmed("ord_gno_brno"),
        Fields.side(row.text("sll_buy_dvsn_cd")),
        Symbol.of(row.trimmed("pdno")),
        row.trimmed("prdt_name"),
        row.trimmed("ord_dvsn_cd"),
        row.longValue("ord_qty"),
        row.longValue("ord_unpr"),
        KisTime.time(row.text("ord_tmd")),
        row.longValue("tot_ccld_qty"),
        row.decimal("avg_prvs"),
        row.longValue("tot_ccld_amt"),
        row.longValue("rmn_qty"),
        row.longValue("rjct_qty"),
        row.longValue("cncl_cfrm_qty"),
        row.trimmed("cncl_yn").equals("Y"));
  }

  /** How many shares of {@code symbol} the cash buys at {@code price} (no margin). */
  public BuyingPower buyingPower(Symbol symbol, long price, OrderType type) {
    Map<String, String> query = accountFields();
    query.put("PDNO", symbol.code());
    query.put("ORD_UNPR", Long.toString(price));
    query.put("ORD_DVSN", type.code());
    query.put("CMA_EVLU_AMT_ICLD_YN", "N");
    query.put("OVRS_ICLD_YN", "N");
    Fields out =
        rest.get(BUYING_POWER_PATH, config.trId(config.trIds().buyingPower()), query, "")
            .requireOk("buying power inquiry")
            .object("output")
            .orElse(Fields.of(null));
    return new BuyingPower(
        symbol,
        price,
        out.longValue("ord_psbl_cash"),
        out.longValue("nrcvb_buy_qty"),
        out.longValue("nrcvb_buy_amt"));
  }

  /**
   * Shares of {@code symbol} that can be sold now. Real accounts ask {@code inquire-psbl-sell};
   * paper has no such tr_id, so there it is the balance's {@code ord_psbl_qty}.
   */
  public long sellableQuantity(Symbol symbol) {
    if (config.environment().paper()) {
      return balance().holdings().stream()
          .filter(h -> h.symbol().equals(symbol))
          .mapToLong(Holding::orderableQuantity)
          .sum();
    }
    Map<String, String> query = accountFields();
    query.put("PDNO", symbol.code());
    return rest.get(SELLABLE_PATH, config.trIds().sellable(), query, "")
        .requireOk("sellable quantity inquiry")
        .object("output")
        .orElse(Fields.of(null))
        .longValue("ord_psbl_qty");
  }

  private Map<String, String> accountFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("CANO", account.cano());
    fields.put("ACNT_PRDT_CD", account.productCode());
    return fields;
  }
}
