package io.krxtrader.portfolio;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The portfolio module's one entry type: policies and targets, snapshots, plans and their execution
 * through order intents. Every write goes through the {@code krx_portfolio} role; the writes that
 * create intents ({@link #approve}, {@link #advance}) check the portfolio leader's term in the same
 * transaction, so a plan's state and its intents land together or not at all.
 */
public final class Portfolio {

  /** A target file stored: how many weights, for which effective dates. */
  public record LoadedTargets(int weights, List<LocalDate> effectiveDates) {}

  /** What {@link #plan} did. */
  public sealed interface PlanOutcome {}

  /** A pending plan, waiting for {@link #approve}. */
  public record Created(PlanView plan, List<String> skipped) implements PlanOutcome {}

  /** No position differs from its target by more than 1 % (or none can be traded). */
  public record NothingToRebalance(List<String> skipped) implements PlanOutcome {}

  /** The policy already has a pending or executing plan: finish or cancel it first. */
  public record OpenPlanExists(long planId) implements PlanOutcome {}

  /** What one {@link #runDue} call did for one policy. */
  public record ScheduledRun(String policyId, Snapshot snapshot, Optional<PlanOutcome> plan) {}

  private final Jdbi jdbi;
  private final InstantSource clock;
  private final Duration bestPriceMaxAge;
  private final Universe universe;
  private final TradingCalendar calendar;

  /**
   * @param bestPriceMaxAge a best price older than this is not fresh (the market's stale-after)
   */
  public Portfolio(
      Database database,
      InstantSource clock,
      Duration bestPriceMaxAge,
      Universe universe,
      TradingCalendar calendar) {
    this.jdbi = database.jdbi(ModuleRole.PORTFOLIO);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.bestPriceMaxAge = Objects.requireNonNull(bestPriceMaxAge, "bestPriceMaxAge");
    this.universe = Objects.requireNonNull(universe, "universe");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  /** Stores {@code policy}; false if a policy with its id exists (it is left unchanged). */
  public boolean createPolicy(Policy policy) {
    return jdbi.inTransaction(h -> PolicyStore.insert(h, policy));
  }

  public Optional<Policy> policy(String policyId) {
    return jdbi.withHandle(h -> PolicyStore.find(h, policyId));
  }

  public List<Policy> policies() {
    return jdbi.withHandle(PolicyStore::all);
  }

  /**
   * Reads {@code file} ({@link TargetFile}) and replaces the policy's weights of every effective
   * date it holds, in one transaction.
   *
   * @throws TargetFileException with every problem, when anything is wrong: nothing is stored
   */
  public LoadedTargets loadTargets(String policyId, Path file) {
    Policy policy = requirePolicy(policyId);
    List<TargetWeight> targets = TargetFile.read(file, policy, universe);
    jdbi.useTransaction(h -> PolicyStore.replace(h, policyId, targets));
    return new LoadedTargets(
        targets.size(),
        List.copyOf(new TreeSet<>(targets.stream().map(TargetWeight::effectiveDate).toList())));
  }

  /** The weights in force on {@code day}: the set of the latest effective date on or before it. */
  public List<TargetWeight> targetsInForce(String policyId, LocalDate day) {
    return jdbi.withHandle(h -> PolicyStore.inForce(h, policyId, day));
  }

  /**
   * Values the broker's holdings and {@code cash} now against the weights in force today (KST) and
   * stores the snapshot.
   */
  public Snapshot snapshot(String policyId, long cash) {
    requirePolicy(policyId);
    Instant now = clock.instant();
    LocalDate today = now.atZone(TradingCalendar.KST).toLocalDate();
    return jdbi.inTransaction(
        h -> {
          Map<Symbol, Valuation.Holding> holdings = SnapshotStore.holdings(h);
          Map<Symbol, BigDecimal> targets = new LinkedHashMap<>();
          PolicyStore.inForce(h, policyId, today).forEach(t -> targets.put(t.symbol(), t.weight()));
          TreeSet<Symbol> symbols = new TreeSet<>(holdings.keySet());
          symbols.addAll(targets.keySet());
          Map<Symbol, Valuation.Price> prices =
              SnapshotStore.prices(h, symbols, now, now.minus(bestPriceMaxAge));
          Valuation valuation = Valuation.of(cash, holdings, prices, targets);
          long id = SnapshotStore.insert(h, policyId, now, valuation);
          return SnapshotStore.find(h, id).orElseThrow();
        });
  }

  public Optional<Snapshot> latestSnapshot(String policyId) {
    return jdbi.withHandle(h -> SnapshotStore.latest(h, policyId));
  }

  public Optional<Snapshot> snapshotById(long snapshotId) {
    return jdbi.withHandle(h -> SnapshotStore.find(h, snapshotId));
  }

  /**
   * Plans the rebalance of snapshot {@code snapshotId} ({@link Planner}), whatever its drift: a
   * pending plan, or why there is none.
   */
  public PlanOutcome plan(long snapshotId, String reason) {
    Snapshot snapshot =
        snapshotById(snapshotId)
            .orElseThrow(
                () -> new PlanRefusedException("no such snapshot [snapshot=" + snapshotId + "]"));
    Policy policy = requirePolicy(snapshot.policyId());
    Planner.Plan plan = Planner.plan(snapshot.valuation(), policy);
    if (plan.orders().isEmpty()) {
      return new NothingToRebalance(plan.skipped());
    }
    return jdbi.inTransaction(
        h -> {
          Optional<Long> open = PlanStore.openPlan(h, policy.policyId());
          if (open.isPresent()) {
            return new OpenPlanExists(open.get());
          }
          String why =
              reason
                  + (plan.skipped().isEmpty()
                      ? ""
                      : "; skipped " + String.join(", ", plan.skipped()));
          long planId =
              PlanStore.insert(
                  h, policy.policyId(), snapshotId, why, plan.orders(), clock.instant());
          return new Created(PlanStore.find(h, planId, false).orElseThrow(), plan.skipped());
        });
  }

  /**
   * The run loop's call: for every policy whose snapshot is due now ({@link SnapshotSchedule}),
   * takes it, and plans when its drift exceeds the policy's threshold.
   */
  public List<ScheduledRun> runDue(CashBalance cash) {
    Instant now = clock.instant();
    List<ScheduledRun> runs = new ArrayList<>();
    for (Policy policy : policies()) {
      Optional<Instant> last = jdbi.withHandle(h -> SnapshotStore.latestTime(h, policy.policyId()));
      if (!SnapshotSchedule.isDue(policy.frequency(), last, now, calendar)) {
        continue;
      }
      Snapshot snapshot = snapshot(policy.policyId(), cash.cash());
      Optional<PlanOutcome> outcome = Optional.empty();
      if (snapshot.valuation().drift().compareTo(policy.rebalanceThreshold()) > 0) {
        outcome =
            Optional.of(
                plan(
                    snapshot.snapshotId(),
                    "drift "
                        + snapshot.valuation().drift().stripTrailingZeros().toPlainString()
                        + " over threshold "
                        + policy.rebalanceThreshold().toPlainString()));
      }
      runs.add(new ScheduledRun(policy.policyId(), snapshot, outcome));
    }
    return runs;
  }

  public Optional<PlanView> findPlan(long planId) {
    return jdbi.withHandle(h -> PlanStore.find(h, planId, false));
  }

  /**
   * Approves a pending plan: its sells (or, with no sells, its buys) become intents, in one
   * transaction with {@code term}'s check and the plan's move to executing.
   *
   * @throws PlanRefusedException if the plan is not pending
   * @throws io.krxtrader.system.StaleTermException if {@code term} is over (nothing stored)
   */
  public PlanView approve(long planId, Term term) throws SQLException {
    return jdbi.inTransaction(
        h -> {
          PlanView plan = lockedPlan(h, planId);
          PlanState next = refuseUnless(plan, new PlanState.Approve());
          term.check(h.getConnection());
          Instant now = clock.instant();
          int phase = plan.orders().stream().mapToInt(OrderView::phase).min().orElse(1);
          send(h, plan, phase, term, now);
          PlanStore.setState(h, planId, next, now);
          return PlanStore.find(h, planId, false).orElseThrow();
        });
  }

  /**
   * Stops a pending or executing plan: orders not yet sent never are, and for those already handed
   * to execution it is asked (in the same transaction) to deny an intent not yet sent and to cancel
   * the open rest of one at the broker; what filled before stays filled.
   *
   * @throws PlanRefusedException if the plan is final
   */
  public PlanView cancel(long planId) {
    return jdbi.inTransaction(
        h -> {
          PlanView plan = lockedPlan(h, planId);
          PlanState next = refuseUnless(plan, new PlanState.Cancel());
          PlanStore.syncStatus(h, planId);
          PlanStore.recordFills(h, planId);
          PlanStore.cancelUnsent(h, planId);
          PlanStore.askToCancelSent(h, planId);
          PlanStore.setState(h, planId, next, clock.instant());
          return PlanStore.find(h, planId, false).orElseThrow();
        });
  }

  /**
   * Moves an executing plan on: records new fills in {@code rebalance_execution}, takes each
   * order's status from its intent, puts the plan in error when an order was rejected or denied,
   * sends the buys once every sell is final, and marks the plan done once every order is final. A
   * plan that is not executing is returned as it is.
   */
  public PlanView advance(long planId, Term term) throws SQLException {
    return jdbi.inTransaction(
        h -> {
          PlanView plan = lockedPlan(h, planId);
          if (!(plan.state() instanceof PlanState.Executing)) {
            return plan;
          }
          term.check(h.getConnection());
          Instant now = clock.instant();
          PlanStore.recordFills(h, planId);
          PlanStore.syncStatus(h, planId);
          List<OrderView> orders = PlanStore.orders(h, planId);
          List<String> rejected =
              orders.stream()
                  .filter(o -> o.status() == RebalanceOrderStatus.REJECTED)
                  .map(o -> o.side() + " " + o.quantity() + " " + o.symbol())
                  .toList();
          if (!rejected.isEmpty()) {
            PlanStore.cancelUnsent(h, planId);
            PlanStore.setState(
                h,
                planId,
                plan.state()
                    .on(
                        new PlanState.OrderFailed(
                            "order rejected or denied: " + String.join(", ", rejected)))
                    .orElseThrow(),
                now);
          } else if (orders.stream().allMatch(OrderView::isFinal)) {
            PlanStore.setState(
                h, planId, plan.state().on(new PlanState.AllOrdersFinal()).orElseThrow(), now);
          } else if (orders.stream()
              .filter(o -> o.status() != RebalanceOrderStatus.PLANNED)
              .allMatch(OrderView::isFinal)) {
            PlanView current = PlanStore.find(h, planId, false).orElseThrow();
            int phase =
                orders.stream()
                    .filter(o -> o.status() == RebalanceOrderStatus.PLANNED)
                    .mapToInt(OrderView::phase)
                    .min()
                    .orElseThrow();
            send(h, current, phase, term, now);
          }
          return PlanStore.find(h, planId, false).orElseThrow();
        });
  }

  /** Advances every executing plan (the run loop's call after {@link #runDue}). */
  public List<PlanView> advanceAll(Term term) throws SQLException {
    List<Long> executing = jdbi.withHandle(PlanStore::executing);
    List<PlanView> plans = new ArrayList<>();
    for (long id : executing) {
      plans.add(advance(id, term));
    }
    return plans;
  }

  /** The seed's validation ({@link PortfolioCheck}): one line per problem, none when consistent. */
  public List<String> check() {
    return jdbi.withHandle(PortfolioCheck::problems);
  }

  /** The intent key of a plan's order for {@code symbol}. */
  public static String actionKey(long planId, Symbol symbol) {
    return "REBAL:" + planId + ":" + symbol.code();
  }

  private void send(Handle h, PlanView plan, int phase, Term term, Instant now)
      throws SQLException {
    for (OrderView order : plan.orders()) {
      if (order.phase() != phase || order.status() != RebalanceOrderStatus.PLANNED) {
        continue;
      }
      String key = actionKey(plan.planId(), order.symbol());
      OrderIntent intent =
          OrderIntent.limit(
              order.symbol(),
              order.side(),
              IntentType.REBALANCE,
              order.quantity(),
              order.limitPrice(),
              "REBALANCE",
              key);
      OrderIntents.insert(h.getConnection(), intent, term);
      UUID stored = PlanStore.intentId(h, key).orElseThrow();
      PlanStore.markSent(h, order.orderId(), stored, key, now);
    }
  }

  private static PlanView lockedPlan(Handle h, long planId) {
    return PlanStore.find(h, planId, true)
        .orElseThrow(() -> new PlanRefusedException("no such plan [plan=" + planId + "]"));
  }

  private static PlanState refuseUnless(PlanView plan, PlanState.Event event) {
    return plan.state()
        .on(event)
        .orElseThrow(
            () ->
                new PlanRefusedException(
                    "plan is "
                        + plan.state().code()
                        + ": cannot "
                        + event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                        + " it [plan="
                        + plan.planId()
                        + "]"));
  }

  private Policy requirePolicy(String policyId) {
    return policy(policyId)
        .orElseThrow(() -> new PlanRefusedException("no such policy [policy=" + policyId + "]"));
  }
}
