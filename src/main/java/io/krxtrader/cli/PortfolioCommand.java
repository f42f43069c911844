package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.portfolio.OrderView;
import io.krxtrader.portfolio.PlanView;
import io.krxtrader.portfolio.Policy;
import io.krxtrader.portfolio.Portfolio;
import io.krxtrader.portfolio.Position;
import io.krxtrader.portfolio.RebalanceFrequency;
import io.krxtrader.portfolio.Snapshot;
import io.krxtrader.portfolio.TargetFileException;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "portfolio",
    mixinStandardHelpOptions = true,
    description = {
      "Target weights, snapshots of the holdings with their drift, and rebalancing plans whose",
      "orders go to execution as intents (README, \"Portfolio\")."
    },
    subcommands = {
      PortfolioCommand.PolicyCommand.class,
      PortfolioCommand.Targets.class,
      PortfolioCommand.SnapshotCommand.class,
      PortfolioCommand.Show.class,
      PortfolioCommand.Plan.class,
      PortfolioCommand.Approve.class,
      PortfolioCommand.Advance.class,
      PortfolioCommand.Cancel.class,
      PortfolioCommand.Check.class
    })
final class PortfolioCommand extends KrxCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }

  static Portfolio portfolio(KrxCommand command) {
    AppContext context = command.context();
    return new Portfolio(
        context.migratedDatabase(),
        context.clock(),
        context.config().market().staleness().staleAfter(),
        Universe.defaultUniverse(),
        TradingCalendar.krx());
  }

  /** Runs {@code action} as the portfolio leader, or says who leads. */
  static <T> T asLeader(KrxCommand command, LeaderAction<T> action) throws SQLException {
    AppContext context = command.context();
    try (Leadership leader =
        Leadership.elect(
            context.migratedDatabase(),
            LeaderName.PORTFOLIO,
            "cli-" + UUID.randomUUID(),
            context.clock())) {
      Optional<Term> term = leader.term();
      if (term.isEmpty()) {
        throw new io.krxtrader.KrxTraderException(
            "the portfolio leader runs in another process: approve and advance plans there"
                + " [leader="
                + LeaderName.PORTFOLIO.lockName()
                + "]");
      }
      return action.run(term.get());
    }
  }

  interface LeaderAction<T> {
    T run(Term term) throws SQLException;
  }

  static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }

  static void printPlan(PrintWriter out, PlanView plan) {
    out.printf(
        "plan %d (policy %s, snapshot %d): %s%s%n",
        plan.planId(),
        plan.policyId(),
        plan.snapshotId(),
        plan.state().code(),
        plan.reason().isEmpty() ? "" : " — " + plan.reason());
    TextTable table =
        new TextTable(
                "phase",
                "symbol",
                "side",
                "quantity",
                "limit",
                "status",
                "filled",
                "commission",
                "slippage")
            .rightAlign(3, 4, 6, 7, 8);
    for (OrderView o : plan.orders()) {
      table.row(
          Integer.toString(o.phase()),
          o.symbol().code(),
          o.side().name(),
          String.format("%,d", o.quantity()),
          String.format("%,d", o.limitPrice()),
          o.status().code(),
          String.format("%,d", o.filledQuantity()),
          o.commission().stripTrailingZeros().toPlainString(),
          o.slippage().stripTrailingZeros().toPlainString());
    }
    table.print(out, "");
    out.flush();
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = "Create or show rebalancing policies.",
      subcommands = {PolicyCommand.Create.class, PolicyCommand.ShowPolicy.class})
  static final class PolicyCommand extends KrxCommand {

    @Override
    public Integer call() {
      spec.commandLine().usage(out());
      return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a policy.")
    static final class Create extends KrxCommand {

      @Parameters(paramLabel = "POLICY", description = "The policy id (letters, digits, _ . -).")
      String policyId;

      @Option(names = "--name", required = true, description = "A name for people.")
      String name;

      @Option(names = "--description", description = "What the policy is for.")
      String description;

      @Option(
          names = "--frequency",
          description = "daily (default), weekly or monthly: how often the 09:31 snapshot runs.")
      RebalanceFrequency frequency = RebalanceFrequency.DAILY;

      @Option(
          names = "--max-position",
          required = true,
          paramLabel = "FRACTION",
          description = "The largest weight of one symbol, e.g. 0.10.")
      BigDecimal max;

      @Option(
          names = "--min-position",
          paramLabel = "FRACTION",
          description = "The smallest target weight (default: 0.01).")
      BigDecimal min = new BigDecimal("0.01");

      @Option(
          names = "--threshold",
          paramLabel = "FRACTION",
          description = "Plan when the drift exceeds it (default: 0.05).")
      BigDecimal threshold = new BigDecimal("0.05");

      @Override
      public Integer call() {
        Policy policy =
            new Policy(
                policyId, name, Optional.ofNullable(description), frequency, max, min, threshold);
        if (!portfolio(this).createPolicy(policy)) {
          spec.commandLine().getErr().println("krx-trader: policy " + policyId + " exists already");
          return Main.EXIT_FAILURE;
        }
        out().println("policy " + policyId + " created");
        out().flush();
        return 0;
      }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "List the policies.")
    static final class ShowPolicy extends QueryCommand {

      @Override
      public Integer call() {
        Rows rows =
            new Rows("policy", "name", "frequency", "max_position", "min_position", "threshold");
        for (Policy p : portfolio(this).policies()) {
          rows.add(
              p.policyId(),
              p.name(),
              p.frequency().code(),
              p.maxPositionPct(),
              p.minPositionPct(),
              p.rebalanceThreshold());
        }
        return print(rows);
      }
    }
  }

  @Command(
      name = "targets",
      mixinStandardHelpOptions = true,
      description = "Target weights.",
      subcommands = {Targets.Load.class})
  static final class Targets extends KrxCommand {

    @Override
    public Integer call() {
      spec.commandLine().usage(out());
      return 0;
    }

    @Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
          "Load target weights from a CSV (symbol,weight,effective_date) or JSON file. The file",
          "is rejected whole, every problem named, if any date's weights do not sum to 1 ± 0.01,",
          "a weight is outside the policy's limits, a symbol is unknown or given twice."
        })
    static final class Load extends KrxCommand {

      @Option(names = "--policy", required = true, description = "The policy.")
      String policyId;

      @Parameters(paramLabel = "FILE")
      Path file;

      @Override
      public Integer call() {
        try {
          Portfolio.LoadedTargets loaded = portfolio(this).loadTargets(policyId, file);
          out()
              .printf(
                  "%d target weights stored for %s (effective %s)%n",
                  loaded.weights(), policyId, loaded.effectiveDates());
          out().flush();
          return 0;
        } catch (TargetFileException e) {
          PrintWriter err = spec.commandLine().getErr();
          err.println("krx-trader: " + file + " rejected, nothing stored:");
          e.problems().forEach(p -> err.println("  " + p));
          err.flush();
          return Main.EXIT_FAILURE;
        }
      }
    }
  }

  @Command(
      name = "snapshot",
      mixinStandardHelpOptions = true,
      description = {
        "Value the broker's holdings (trade.holdings) and the cash now, at fresh best prices or",
        "else the latest 10-minute close, against the weights in force, and store the snapshot."
      })
  static final class SnapshotCommand extends KrxCommand {

    @Option(names = "--policy", required = true, description = "The policy.")
    String policyId;

    @Option(names = "--cash", required = true, paramLabel = "KRW", description = "The cash.")
    long cash;

    @Override
    public Integer call() {
      Snapshot snapshot = portfolio(this).snapshot(policyId, cash);
      out()
          .printf(
              "snapshot %d: total %,d KRW, drift %s%n",
              snapshot.snapshotId(),
              snapshot.valuation().total().setScale(0, RoundingMode.HALF_EVEN).longValueExact(),
              percent(snapshot.valuation().drift()));
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The latest snapshot: positions, weights, where each price came from, drift.")
  static final class Show extends QueryCommand {

    @Option(names = "--policy", required = true, description = "The policy.")
    String policyId;

    @Override
    public Integer call() {
      Optional<Snapshot> latest = portfolio(this).latestSnapshot(policyId);
      if (latest.isEmpty()) {
        out().println("no snapshot yet for " + policyId);
        out().flush();
        return 0;
      }
      Snapshot s = latest.get();
      if (format == OutputFormat.TABLE) {
        out()
            .printf(
                "snapshot %d at %s: cash %s, invested %s, total %s KRW, drift %s%n",
                s.snapshotId(),
                s.time(),
                s.valuation().cash().stripTrailingZeros().toPlainString(),
                s.valuation().invested().stripTrailingZeros().toPlainString(),
                s.valuation().total().stripTrailingZeros().toPlainString(),
                percent(s.valuation().drift()));
      }
      Rows rows =
          new Rows(
              "symbol",
              "quantity",
              "price",
              "price_source",
              "market_value",
              "current_weight",
              "target_weight",
              "weight_diff");
      for (Position p : s.valuation().positions()) {
        rows.add(
            p.symbol().code(),
            p.quantity(),
            p.marketPrice().map(BigDecimal::stripTrailingZeros).orElse(null),
            p.priceSource().code(),
            p.marketValue().stripTrailingZeros(),
            p.currentWeight().stripTrailingZeros(),
            p.targetWeight().stripTrailingZeros(),
            p.weightDiff().stripTrailingZeros());
      }
      return print(rows);
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Plan a rebalance of the latest snapshot (or --snapshot), whatever its drift: one order",
        "per symbol more than 1 % off target, sells first. The plan waits for approve."
      })
  static final class Plan extends KrxCommand {

    @Option(names = "--policy", description = "The policy whose latest snapshot to plan.")
    String policyId;

    @Option(names = "--snapshot", paramLabel = "ID", description = "This snapshot instead.")
    Long snapshotId;

    @Override
    public Integer call() {
      Portfolio portfolio = portfolio(this);
      long id;
      if (snapshotId != null) {
        id = snapshotId;
      } else if (policyId != null) {
        id =
            portfolio
                .latestSnapshot(policyId)
                .orElseThrow(
                    () ->
                        new io.krxtrader.KrxTraderException(
                            "no snapshot yet: run portfolio snapshot first [policy="
                                + policyId
                                + "]"))
                .snapshotId();
      } else {
        spec.commandLine().getErr().println("krx-trader: give --policy or --snapshot");
        return Main.EXIT_USAGE;
      }
      return switch (portfolio.plan(id, "on demand")) {
        case Portfolio.Created created -> {
          printPlan(out(), created.plan());
          yield 0;
        }
        case Portfolio.NothingToRebalance nothing -> {
          out()
              .println(
                  "nothing to rebalance: no position is more than 1 % off its target"
                      + (nothing.skipped().isEmpty()
                          ? ""
                          : " that can be traded (" + String.join(", ", nothing.skipped()) + ")"));
          out().flush();
          yield 0;
        }
        case Portfolio.OpenPlanExists open -> {
          spec.commandLine()
              .getErr()
              .println(
                  "krx-trader: plan "
                      + open.planId()
                      + " is still pending or executing: approve, advance or cancel it first");
          yield Main.EXIT_FAILURE;
        }
      };
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a pending plan: its sells become order intents (the buys follow).")
  static final class Approve extends KrxCommand {

    @Parameters(paramLabel = "PLAN")
    long planId;

    @Override
    public Integer call() throws SQLException {
      Portfolio portfolio = portfolio(this);
      printPlan(out(), asLeader(this, term -> portfolio.approve(planId, term)));
      return 0;
    }
  }

  @Command(
      name = "advance",
      mixinStandardHelpOptions = true,
      description = {
        "Record an executing plan's fills, send its buys once every sell is final, and mark it",
        "done or in error (the run loop does this by itself)."
      })
  static final class Advance extends KrxCommand {

    @Parameters(paramLabel = "PLAN")
    long planId;

    @Override
    public Integer call() throws SQLException {
      Portfolio portfolio = portfolio(this);
      printPlan(out(), asLeader(this, term -> portfolio.advance(planId, term)));
      return 0;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Cancel a pending or executing plan: orders not yet sent never are. Intents already",
        "sent are execution's to finish."
      })
  static final class Cancel extends KrxCommand {

    @Parameters(paramLabel = "PLAN")
    long planId;

    @Override
    public Integer call() {
      printPlan(out(), portfolio(this).cancel(planId));
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "The seed's portfolio validation: positions worth the invested value within 1 KRW,",
        "target weights summing to 1 ± 0.01, plan states that agree with their orders."
      })
  static final class Check extends KrxCommand {

    @Override
    public Integer call() {
      var problems = portfolio(this).check();
      if (problems.isEmpty()) {
        out().println("portfolio: consistent");
        out().flush();
        return 0;
      }
      problems.forEach(out()::println);
      out().flush();
      return Main.EXIT_FAILURE;
    }
  }
}
