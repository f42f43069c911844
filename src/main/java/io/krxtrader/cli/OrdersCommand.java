package io.krxtrader.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.execution.ExecutionQueries;
import io.krxtrader.trade.execution.ExecutionQueries.FillRow;
import io.krxtrader.trade.execution.ExecutionQueries.IntentRow;
import io.krxtrader.trade.execution.ExecutionQueries.OrderRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "orders",
    mixinStandardHelpOptions = true,
    description = {
      "A day's order intents (KST, default today) with their status, the broker order each",
      "became and its fills: a table with one line per intent, CSV the same columns, JSON each",
      "intent with its orders and their fills."
    })
final class OrdersCommand extends QueryCommand {

  @Option(names = "--date", paramLabel = "DATE", description = "The KST day (default today).")
  LocalDate date;

  @Override
  public Integer call() throws SQLException {
    LocalDate day = date != null ? date : TradingCalendar.kstDate(context().clock().instant());
    List<IntentRow> intents;
    List<OrderRow> orders;
    List<FillRow> fills;
    try (Connection c =
        context().migratedDatabase().dataSource(ModuleRole.EXECUTION).getConnection()) {
      intents = ExecutionQueries.intents(c, day);
      orders = ExecutionQueries.orders(c, day);
      fills = ExecutionQueries.fills(c, day);
    }
    Map<UUID, List<OrderRow>> ordersOf = new LinkedHashMap<>();
    orders.forEach(o -> ordersOf.computeIfAbsent(o.intentId(), k -> new ArrayList<>()).add(o));
    Map<String, List<FillRow>> fillsOf = new LinkedHashMap<>();
    fills.forEach(f -> fillsOf.computeIfAbsent(f.orderId(), k -> new ArrayList<>()).add(f));
    if (format == OutputFormat.JSON) {
      return json(intents, ordersOf, fillsOf);
    }
    if (format == OutputFormat.TABLE && intents.isEmpty()) {
      out().println("no order intents on " + day);
      out().flush();
      return 0;
    }
    Rows rows =
        new Rows(
            "created",
            "symbol",
            "intent",
            "side",
            "qty",
            "price",
            "status",
            "reason",
            "order",
            "order_status",
            "filled",
            "avg_fill_price",
            "fills",
            "intent_id");
    for (IntentRow intent : intents) {
      List<OrderRow> own = ordersOf.getOrDefault(intent.intentId(), List.of());
      if (own.isEmpty()) {
        rows.add(intentCells(intent, null, List.of()));
      }
      for (OrderRow order : own) {
        rows.add(intentCells(intent, order, fillsOf.getOrDefault(order.orderId(), List.of())));
      }
    }
    return print(rows);
  }

  private static Object[] intentCells(IntentRow intent, OrderRow order, List<FillRow> fills) {
    return new Object[] {
      intent.createdTime(),
      intent.symbol().code(),
      intent.intentType(),
      intent.side(),
      intent.qty(),
      intent.limitPrice().map(p -> (Object) p).orElse("market"),
      intent.status(),
      intent.statusReason().orElse(""),
      order == null ? "" : order.orderId(),
      order == null ? "" : order.status(),
      order == null ? null : order.filledQty(),
      averagePrice(fills),
      order == null ? null : fills.size(),
      intent.intentId()
    };
  }

  /** The quantity-weighted price of the fills, 4 decimals; null without fills. */
  static BigDecimal averagePrice(List<FillRow> fills) {
    long qty = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (FillRow f : fills) {
      qty += f.qty();
      amount = amount.add(f.price().multiply(BigDecimal.valueOf(f.qty())));
    }
    return qty == 0 ? null : amount.divide(BigDecimal.valueOf(qty), 4, RoundingMode.HALF_EVEN);
  }

  private int json(
      List<IntentRow> intents,
      Map<UUID, List<OrderRow>> ordersOf,
      Map<String, List<FillRow>> fillsOf) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (IntentRow i : intents) {
      Map<String, Object> intent = new LinkedHashMap<>();
      intent.put("intent_id", i.intentId().toString());
      intent.put("created", Rows.text(i.createdTime()));
      intent.put("updated", Rows.text(i.updatedTime()));
      intent.put("symbol", i.symbol().code());
      intent.put("intent_type", i.intentType());
      intent.put("side", i.side());
      intent.put("qty", i.qty());
      intent.put("order_type", i.orderType());
      intent.put("limit_price", i.limitPrice().map(BigDecimal::stripTrailingZeros).orElse(null));
      intent.put("reason_code", i.reasonCode());
      intent.put("action_key", i.actionKey());
      intent.put("created_by", i.createdBy());
      intent.put("status", i.status());
      intent.put("status_reason", i.statusReason().orElse(null));
      intent.put("position_id", i.positionId().map(UUID::toString).orElse(null));
      List<Map<String, Object>> orderList = new ArrayList<>();
      for (OrderRow o : ordersOf.getOrDefault(i.intentId(), List.of())) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("order_id", o.orderId());
        order.put("submitted", Rows.text(o.submittedTime()));
        order.put("status", o.status());
        order.put("qty", o.qty().orElse(null));
        order.put("filled_qty", o.filledQty());
        List<FillRow> own = fillsOf.getOrDefault(o.orderId(), List.of());
        BigDecimal avg = averagePrice(own);
        order.put("avg_fill_price", avg == null ? null : avg.stripTrailingZeros());
        List<Map<String, Object>> fillList = new ArrayList<>();
        for (FillRow f : own) {
          Map<String, Object> fill = new LinkedHashMap<>();
          fill.put("fill_id", f.fillId().toString());
          fill.put("time", Rows.text(f.time()));
          fill.put("qty", f.qty());
          fill.put("price", f.price().stripTrailingZeros());
          fill.put("fee", f.fee().map(BigDecimal::stripTrailingZeros).orElse(null));
          fill.put("tax", f.tax().map(BigDecimal::stripTrailingZeros).orElse(null));
          fill.put(
              "realized_pnl", f.realizedPnl().map(BigDecimal::stripTrailingZeros).orElse(null));
          fillList.add(fill);
        }
        order.put("fills", fillList);
        orderList.add(order);
      }
      intent.put("orders", orderList);
      out.add(intent);
    }
    PrintWriter writer = out();
    try {
      writer.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
              .writeValueAsString(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.flush();
    return 0;
  }
}
