package io.krxtrader.replay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a replay decided, and its P&L when its own intents were filled at once.
 *
 * @param events price events read
 * @param evaluations position evaluations made (one position on one price)
 * @param pnl per position: realized on the sells, plus what is left at the day's last price
 */
public record ReplayResult(
    List<Decision.Signal> signals,
    List<Decision.Intent> intents,
    long events,
    long evaluations,
    List<PositionPnl> pnl) {

  public ReplayResult {
    signals = List.copyOf(signals);
    intents = List.copyOf(intents);
    pnl = List.copyOf(pnl);
  }

  /** A position's day in won: realized on its sells, the rest valued at the last price. */
  public record PositionPnl(UUID positionId, BigDecimal realized, BigDecimal open) {
    public BigDecimal total() {
      return realized.add(open);
    }
  }

  public BigDecimal totalPnl() {
    return pnl.stream().map(PositionPnl::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The decision list: signals in (time, position, rule) order, then intents by action key, one a
   * line. Two replays of one day give the same bytes.
   */
  public String decisionList() {
    List<Decision.Signal> s = new ArrayList<>(signals);
    s.sort(
        Comparator.comparing(Decision.Signal::ts)
            .thenComparing(x -> x.positionId().toString())
            .thenComparing(Decision.Signal::rule));
    List<Decision.Intent> i = new ArrayList<>(intents);
    i.sort(Comparator.comparing(Decision.Intent::actionKey));
    StringBuilder out = new StringBuilder();
    s.forEach(x -> out.append(x.line()).append('\n'));
    i.forEach(x -> out.append(x.line()).append('\n'));
    return out.toString();
  }

  public byte[] decisionBytes() {
    return decisionList().getBytes(StandardCharsets.UTF_8);
  }
}
