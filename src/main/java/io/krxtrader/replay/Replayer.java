package io.krxtrader.replay;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceSource;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import io.krxtrader.trade.exit.Atr;
import io.krxtrader.trade.exit.DailyBar;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.exit.ExitDecision;
import io.krxtrader.trade.exit.ExitMarket;
import io.krxtrader.trade.exit.ExitOrder;
import io.krxtrader.trade.exit.ExitPosition;
import io.krxtrader.trade.exit.ExitRules;
import io.krxtrader.trade.exit.ExitState;
import io.krxtrader.trade.reentry.Candidate;
import io.krxtrader.trade.reentry.ReentryConfig;
import io.krxtrader.trade.reentry.ReentryDecision;
import io.krxtrader.trade.reentry.ReentryPhase;
import io.krxtrader.trade.reentry.ReentryRisk;
import io.krxtrader.trade.reentry.ReentryRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Runs a {@link ReplayDay} through the engines' decision code in memory, on a virtual clock that is
 * the events' own time: each price event that becomes its symbol's best price (the newest of its
 * source, and not outranked by a higher-ranked source less than {@code market.prefer-within} older,
 * as PriceSync chooses) is evaluated for every position of the symbol with {@link
 * ExitRules#evaluate}, the exit engine's pure decision; the re-entry candidates are evaluated with
 * {@link ReentryRules#evaluate} once per {@code scanEvery} of virtual time, as the engine's scan
 * loop does. What the engine adds around the rules is kept: a price below {@code exit.min-quality}
 * is skipped, a decision whose action key already exists writes its signal but no intent, and a
 * candidate is made when a position is closed by the fills of a qualifying full exit.
 *
 * <p>{@link FillMode#LIVE} applies the day's recorded fills at their times (a comparison with what
 * happened: the positions move as they did); {@link FillMode#AT_ONCE} fills each exit intent at
 * once at its limit or at the price that triggered it, as {@code exit simulate} does (a what-if: a
 * changed rule changes the fills). The result does not depend on anything but the day and the
 * configuration: no wall clock, no random ids (a candidate the live day did not have gets a name
 * UUID of its origin position).
 */
public final class Replayer {

  /** How the positions move during the replay. */
  public enum FillMode {
    /** The day's recorded fills, at their times. */
    LIVE,
    /** Each exit intent filled at once (router entries still open positions at their fills). */
    AT_ONCE
  }

  private static final int PROGRESS_EVERY = 1 << 16;

  private final ExitRules exitRules;
  private final ExitConfig exitConfig;
  private final ReentryRules reentryRules;
  private final ReentryConfig reentryConfig;
  private final MarketConfig market;
  private final Duration scanEvery;
  private final FillMode mode;

  public Replayer(
      ExitConfig exit,
      ReentryConfig reentry,
      MarketConfig market,
      TradingCalendar calendar,
      Duration scanEvery,
      FillMode mode) {
    this.exitRules = new ExitRules(exit, calendar);
    this.exitConfig = exit;
    this.reentryRules = new ReentryRules(reentry, calendar);
    this.reentryConfig = reentry;
    this.market = market;
    this.scanEvery = scanEvery;
    this.mode = mode;
  }

  /**
   * @param progress told the number of events done, now and then and at the end
   */
  public ReplayResult run(ReplayDay day, LongConsumer progress) {
    return new Run(day).go(progress);
  }

  /** A position during the replay. */
  private static final class Pos {
    final UUID id;
    final Symbol symbol;
    final Instant entryTs;
    long quantity;
    BigDecimal avg;
    int version = 1;
    ExitState state;
    BigDecimal realized = BigDecimal.ZERO;
    long exitFullQuantity;
    BigDecimal exitFullAmount = BigDecimal.ZERO;
    Instant exitFullTs;
    String exitFullRule;

    Pos(ReplayDay.Holding h) {
      this.id = h.positionId();
      this.symbol = h.symbol();
      this.entryTs = h.entryTs();
      this.quantity = h.quantity();
      this.avg = h.avgPrice();
      this.state = h.state().orElse(null);
    }
  }

  /** A symbol during the replay: its positions, daily data and latest price of each source. */
  private static final class Sym {
    final List<Pos> held = new ArrayList<>();
    final long[] latestMicros = new long[PriceSource.values().length];
    Optional<BigDecimal> atr = Optional.empty();
    OptionalLong previousClose = OptionalLong.empty();
    long lastPrice;
    long bestPrice;
    long bestMicros = Long.MIN_VALUE;
    PriceSource bestSource;

    Sym() {
      java.util.Arrays.fill(latestMicros, Long.MIN_VALUE);
    }
  }

  private final class Run {
    final ReplayDay day;
    final Map<Symbol, Sym> bySymbol = new HashMap<>();
    final Sym[] byIndex;
    final Map<UUID, Pos> positions = new HashMap<>();
    final List<Pos> ordered = new ArrayList<>();
    final Set<String> keys;
    final List<Candidate> candidates = new ArrayList<>();
    final List<Decision.Signal> signals = new ArrayList<>();
    final List<Decision.Intent> intents = new ArrayList<>();
    final long scanMicros = Math.max(1, scanEvery.toNanos() / 1000);
    long evaluations;

    Run(ReplayDay day) {
      this.day = day;
      this.keys = new HashSet<>(day.existingKeys());
      for (ReplayDay.Holding h : day.positions()) {
        Pos p = new Pos(h);
        positions.put(p.id, p);
        ordered.add(p);
        sym(p.symbol).held.add(p);
      }
      ordered.sort(Comparator.comparing(p -> p.id.toString()));
      for (Sym s : bySymbol.values()) {
        s.held.sort(Comparator.comparing(p -> p.id.toString()));
      }
      int lookback = Math.max(40, 3 * exitConfig.atrPeriod());
      for (Map.Entry<Symbol, Sym> e : bySymbol.entrySet()) {
        List<DailyBar> bars = day.daily().getOrDefault(e.getKey(), List.of());
        if (bars.size() > lookback) {
          bars = bars.subList(bars.size() - lookback, bars.size());
        }
        e.getValue().atr = Atr.wilder(bars, exitConfig.atrPeriod(), day.date());
        e.getValue().previousClose = Atr.previousClose(bars, day.date());
      }
      List<Symbol> tapeSymbols = day.prices().symbols();
      byIndex = new Sym[tapeSymbols.size()];
      for (int i = 0; i < byIndex.length; i++) {
        byIndex[i] = sym(tapeSymbols.get(i));
      }
    }

    Sym sym(Symbol symbol) {
      return bySymbol.computeIfAbsent(symbol, s -> new Sym());
    }

    ReplayResult go(LongConsumer progress) {
      PriceTape tape = day.prices();
      List<ReplayDay.Fill> fills = day.fills();
      int nextFill = 0;
      long nextScan = Long.MIN_VALUE;
      int size = tape.size();
      for (int i = 0; i < size; i++) {
        long t = tape.micros(i);
        while (nextFill < fills.size() && micros(fills.get(nextFill).ts()) < t) {
          fill(fills.get(nextFill++));
        }
        if (nextScan == Long.MIN_VALUE) {
          nextScan = Math.floorDiv(t, scanMicros) * scanMicros;
        }
        if (nextScan <= t) {
          if (live().isEmpty()) {
            nextScan = (Math.floorDiv(t, scanMicros) + 1) * scanMicros;
          } else {
            while (nextScan <= t) {
              scan(nextScan);
              nextScan += scanMicros;
            }
          }
        }
        price(byIndex[tape.symbolIndex(i)], t, tape.source(i), tape.price(i));
        if ((i & (PROGRESS_EVERY - 1)) == 0) {
          progress.accept(i);
        }
      }
      while (nextFill < fills.size()) {
        fill(fills.get(nextFill++));
      }
      progress.accept(size);
      List<ReplayResult.PositionPnl> pnl = new ArrayList<>();
      for (Pos p : ordered) {
        Sym s = bySymbol.get(p.symbol);
        BigDecimal last = s.lastPrice > 0 ? BigDecimal.valueOf(s.lastPrice) : p.avg;
        pnl.add(
            new ReplayResult.PositionPnl(
                p.id, p.realized, last.subtract(p.avg).multiply(BigDecimal.valueOf(p.quantity))));
      }
      return new ReplayResult(signals, intents, size, evaluations, pnl);
    }

    List<Candidate> live() {
      candidates.removeIf(c -> c.phase().isFinal() || c.phase() == ReentryPhase.ENTERED);
      return candidates;
    }

    /** One price event: the symbol's best price when it is, then each of its positions. */
    void price(Sym s, long t, PriceSource source, long won) {
      s.lastPrice = won;
      if (t <= s.latestMicros[source.ordinal()]) {
        return; // an older or repeated event changes nothing (PriceSync keeps the newest)
      }
      s.latestMicros[source.ordinal()] = t;
      for (PriceSource better : PriceSource.values()) {
        if (better == source) {
          break;
        }
        long at = s.latestMicros[better.ordinal()];
        if (at != Long.MIN_VALUE
            && t - at <= market.selection().preferWithin().toNanos() / 1000
            && t - at <= market.selection().maxAge(better).toNanos() / 1000) {
          return; // the higher-ranked source's price stays best
        }
      }
      s.bestPrice = won;
      s.bestMicros = t;
      s.bestSource = source;
      if (s.held.isEmpty()) {
        return;
      }
      if (market.quality().base(source) < exitConfig.minQuality()) {
        return; // the engine skips a price of low quality (a SKIP row, not a decision)
      }
      Instant ts = instant(t);
      for (Pos p : s.held) {
        if (p.quantity > 0) {
          evaluate(p, s, ts, won);
        }
      }
    }

    void evaluate(Pos p, Sym s, Instant ts, long won) {
      evaluations++;
      if (p.state == null) {
        p.state = ExitState.initial(Math.max(1, p.quantity));
      }
      ExitPosition position =
          new ExitPosition(p.id, p.symbol, p.quantity, p.avg, p.entryTs, p.version);
      ExitDecision decision =
          exitRules.evaluate(
              position, p.state, new ExitMarket(won, ts, s.atr, s.previousClose, Optional.empty()));
      p.state = decision.next();
      for (ExitDecision.Fired fired : decision.fired()) {
        signals.add(new Decision.Signal(ts, p.id, fired.rule().code(), won));
      }
      if (decision.order().isEmpty()) {
        return;
      }
      ExitOrder order = decision.order().get();
      if (!keys.add(order.actionKey())) {
        return; // the intent existed: the engine stores none, execution sells nothing more
      }
      intents.add(
          new Decision.Intent(
              order.actionKey(),
              order.type(),
              order.quantity(),
              order.priceType(),
              order.limitPrice()));
      if (mode == FillMode.AT_ONCE) {
        long price = order.limitPrice().orElse(won);
        sell(p, ts, order.quantity(), BigDecimal.valueOf(price), order.type(), order.rule().code());
      }
    }

    void fill(ReplayDay.Fill f) {
      Pos p = positions.get(f.positionId());
      if (p == null) {
        return;
      }
      if (f.side() == OrderSide.BUY) {
        if (mode == FillMode.AT_ONCE && f.candidateId().isPresent()) {
          return; // a live re-entry's fill: the what-if decides its own re-entries
        }
        p.avg =
            p.quantity == 0
                ? f.price()
                : p.avg
                    .multiply(BigDecimal.valueOf(p.quantity))
                    .add(f.price().multiply(BigDecimal.valueOf(f.quantity())))
                    .divide(BigDecimal.valueOf(p.quantity + f.quantity()), 4, RoundingMode.HALF_UP);
        p.quantity += f.quantity();
        p.version++;
      } else if (mode == FillMode.LIVE) {
        sell(p, f.ts(), f.quantity(), f.price(), f.intentType(), f.reasonCode());
      }
    }

    void sell(Pos p, Instant ts, long quantity, BigDecimal price, IntentType type, String rule) {
      long sold = Math.min(quantity, p.quantity);
      p.realized = p.realized.add(price.subtract(p.avg).multiply(BigDecimal.valueOf(sold)));
      p.quantity -= sold;
      p.version++;
      if (type == IntentType.EXIT_FULL) {
        p.exitFullQuantity += sold;
        p.exitFullAmount = p.exitFullAmount.add(price.multiply(BigDecimal.valueOf(sold)));
        p.exitFullTs = ts;
        p.exitFullRule = rule;
      }
      if (p.quantity == 0 && p.exitFullQuantity > 0) {
        UUID candidateId =
            day.candidateIds()
                .getOrDefault(
                    p.id,
                    UUID.nameUUIDFromBytes(
                        ("replay-candidate:" + p.id).getBytes(StandardCharsets.UTF_8)));
        long original = p.state == null ? p.exitFullQuantity : p.state.entryQuantity();
        reentryRules
            .afterExit(
                candidateId,
                p.symbol,
                p.id,
                original,
                p.exitFullRule,
                p.exitFullTs,
                p.exitFullAmount.divide(
                    BigDecimal.valueOf(p.exitFullQuantity), 16, RoundingMode.HALF_UP))
            .ifPresent(
                c -> {
                  candidates.add(c);
                  candidates.sort(Comparator.comparing(x -> x.candidateId().toString()));
                });
      }
    }

    /** One re-entry scan at {@code now}: each live candidate on its symbol's fresh best price. */
    void scan(long now) {
      Instant at = instant(now);
      for (int i = 0; i < candidates.size(); i++) {
        Candidate c = candidates.get(i);
        Sym s = sym(c.symbol());
        OptionalLong price = OptionalLong.empty();
        if (s.bestSource != null
            && now - s.bestMicros <= reentryConfig.maxPriceAge().toNanos() / 1000
            && market.quality().base(s.bestSource) >= reentryConfig.minQuality()) {
          price = OptionalLong.of(s.bestPrice);
        }
        ReentryDecision decision =
            reentryRules.evaluate(c, price, at, EntriesHalted.NEVER, ReentryRisk.ALLOW_ALL);
        candidates.set(i, decision.next());
        if (decision.order().isPresent()) {
          ReentryDecision.EntryOrder order = decision.order().get();
          if (keys.add(order.actionKey())) {
            intents.add(
                new Decision.Intent(
                    order.actionKey(),
                    IntentType.ENTRY,
                    order.quantity(),
                    PriceType.LMT,
                    OptionalLong.of(order.limitPrice())));
          }
        }
      }
    }
  }

  static long micros(Instant ts) {
    return Math.multiplyExact(ts.getEpochSecond(), 1_000_000L) + ts.getNano() / 1000;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
