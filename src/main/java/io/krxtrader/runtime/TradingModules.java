package io.krxtrader.runtime;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.BestPriceListener;
import io.krxtrader.portfolio.CashBalance;
import io.krxtrader.portfolio.Portfolio;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.execution.Execution;
import io.krxtrader.trade.execution.Fills;
import io.krxtrader.trade.execution.Holdings;
import io.krxtrader.trade.execution.PreTradeChecks;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.exit.ExitEngine;
import io.krxtrader.trade.exit.ExitFeed;
import io.krxtrader.trade.reentry.ReentryConfig;
import io.krxtrader.trade.reentry.ReentryEngine;
import io.krxtrader.trade.reentry.ReentryRisk;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import io.krxtrader.trade.risk.RiskResult;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.trade.router.PicksInbox;
import io.krxtrader.trade.router.Router;
import io.krxtrader.trade.router.RouterConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading modules of one process, wired and running: for each chosen {@link TradingModule} a
 * {@link Leadership} elected under this process's instance id and a {@link ModuleLoop} that does
 * the module's work only while it leads.
 *
 * <ul>
 *   <li><b>exit</b>: the {@link ExitEngine} fed in-process by PriceSync's committed best prices
 *       ({@link #prices()}, an {@link ExitFeed}); every {@link Pacing#exitRecheck} the held symbols
 *       are evaluated again without a new price, so TIME_EXIT fires at its hour in a quiet market.
 *   <li><b>reentry</b>: {@link ReentryEngine#scan} every pass; its risk check is the router's gate
 *       2 ({@link RiskGate}), its kill switch {@link EntriesHalted#killSwitch}.
 *   <li><b>router</b>: the watched folder {@code router.inbox} scanned every {@code
 *       router.inbox-every} by any process (the intake needs no leader); {@link Router#decideOnce}
 *       every {@code router.decide-every} by the leader; kill switch and risk gate as above.
 *   <li><b>execution</b>: at each new term first the fills and the holdings (start-up recovery
 *       before any new order, with {@link Execution}'s own recovery of SUBMITTING/UNKNOWN intents
 *       in its first cycle); then every pass the execution notices received ({@link Fills#notice},
 *       from the market feed's WebSocket session: {@link #executionNotices}), {@link
 *       Execution#cycle}, the cancels their creators asked for ({@link Fills#cancelRequested}) and
 *       {@link Fills#poll}; holdings every {@link Pacing#holdings}; after the close, once a day,
 *       every open limit order cancelled ({@link Fills#cancelStale} with no timeout) and the
 *       holdings read again. The kill switch is in its pre-trade checks.
 *   <li><b>portfolio</b>: every {@link Pacing#portfolio}, {@link Portfolio#runDue} (the snapshot
 *       schedule, cash from the broker's balance) and {@link Portfolio#advanceAll}.
 * </ul>
 *
 * Closing stops the router first (no new entries), then re-entry, exit, portfolio and execution
 * last, each stepping down so a standby takes over at its next tick.
 */
public final class TradingModules implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TradingModules.class);

  /** How many NEW intents one execution cycle takes at most. */
  static final int EXECUTION_BATCH = 20;

  /**
   * How the loops are paced.
   *
   * @param tick the leadership tick, real time (5 s in production; standbys retry this often)
   * @param pass how often each loop looks for due work, real time
   * @param holdings the balance read, app clock (60 s)
   * @param portfolio the portfolio schedule and plans, app clock
   * @param exitRecheck held symbols evaluated again without a new price, app clock
   */
  public record Pacing(
      Duration tick, Duration pass, Duration holdings, Duration portfolio, Duration exitRecheck) {

    public static Pacing standard() {
      return new Pacing(
          Duration.ofSeconds(5),
          Duration.ofMillis(500),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30));
    }

    public Pacing withTick(Duration newTick) {
      return new Pacing(newTick, pass, holdings, portfolio, exitRecheck);
    }

    public Pacing withPass(Duration newPass) {
      return new Pacing(tick, newPass, holdings, portfolio, exitRecheck);
    }
  }

  /**
   * What the modules run with.
   *
   * @param accountId the account the holdings and mismatches are recorded under
   * @param bestPriceMaxAge a best price older than this is not fresh (the market's stale-after)
   * @param instanceId this process's name in {@code system.process_locks}
   */
  public record Setup(
      Database db,
      KisClient client,
      String accountId,
      TradingCalendar calendar,
      InstantSource clock,
      Universe universe,
      ExitConfig exit,
      ReentryConfig reentry,
      RouterConfig router,
      RiskConfig risk,
      Duration bestPriceMaxAge,
      String instanceId,
      Pacing pacing) {

    public Setup {
      Objects.requireNonNull(db, "db");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(calendar, "calendar");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(universe, "universe");
      Objects.requireNonNull(exit, "exit");
      Objects.requireNonNull(reentry, "reentry");
      Objects.requireNonNull(router, "router");
      Objects.requireNonNull(risk, "risk");
      Objects.requireNonNull(bestPriceMaxAge, "bestPriceMaxAge");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(pacing, "pacing");
    }
  }

  private final Map<TradingModule, ModuleLoop> loops;
  private final Optional<ExitFeed> exitFeed;
  private final Optional<PicksInbox> inbox;
  private final Optional<NoticeInbox> notices;

  private TradingModules(
      Map<TradingModule, ModuleLoop> loops,
      Optional<ExitFeed> exitFeed,
      Optional<PicksInbox> inbox,
      Optional<NoticeInbox> notices) {
    this.loops = loops;
    this.exitFeed = exitFeed;
    this.inbox = inbox;
    this.notices = notices;
  }

  /**
   * Execution notices waiting for the execution loop's next pass; taken only while leading (a
   * standby drops them: its first pass as leader polls the broker's day, which counts every fill).
   */
  private static final class NoticeInbox
      implements java.util.function.Consumer<io.krxtrader.kis.ExecutionNotice> {
    private static final int MOST = 10_000;
    private final Leadership leadership;
    private final java.util.concurrent.ConcurrentLinkedQueue<io.krxtrader.kis.ExecutionNotice>
        queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger size =
        new java.util.concurrent.atomic.AtomicInteger();

    NoticeInbox(Leadership leadership) {
      this.leadership = leadership;
    }

    @Override
    public void accept(io.krxtrader.kis.ExecutionNotice notice) {
      if (leadership.isLeading() && size.get() < MOST) {
        queue.add(notice);
        size.incrementAndGet();
      }
    }

    void drain(Term term, Fills fills, InstantSource clock) throws SQLException {
      io.krxtrader.kis.ExecutionNotice notice;
      while ((notice = queue.poll()) != null) {
        size.decrementAndGet();
        Optional<io.krxtrader.trade.execution.FillNotice> fill =
            KisExecutionBroker.fill(notice, TradingCalendar.kstDate(clock.instant()));
        if (fill.isPresent()) {
          fills.notice(term, fill.get());
        }
      }
    }
  }

  /**
   * Where the account's execution notices go: execution's fills when it runs here, else nowhere.
   */
  public java.util.function.Consumer<io.krxtrader.kis.ExecutionNotice> executionNotices() {
    return notices
        .<java.util.function.Consumer<io.krxtrader.kis.ExecutionNotice>>map(n -> n)
        .orElse(n -> {});
  }

  /** Elects and starts {@code modules}; every one of them either leads or stands by. */
  public static TradingModules start(Setup setup, Set<TradingModule> modules) {
    Map<TradingModule, ModuleLoop> loops = new EnumMap<>(TradingModule.class);
    Optional<ExitFeed> feed = Optional.empty();
    Optional<PicksInbox> inbox = Optional.empty();
    Optional<NoticeInbox> notices = Optional.empty();
    try {
      for (TradingModule module : modules) {
        Leadership leadership =
            Leadership.elect(setup.db(), module.leader(), setup.instanceId(), setup.clock());
        List<ModuleLoop.Job> jobs =
            switch (module) {
              case EXIT -> {
                ExitEngine engine =
                    new ExitEngine(
                        setup.db(), setup.exit(), setup.calendar(), setup.clock(), leadership);
                ExitFeed started = ExitFeed.start(engine);
                feed = Optional.of(started);
                yield exitJobs(setup, started);
              }
              case REENTRY -> reentryJobs(setup, leadership);
              case ROUTER -> {
                PicksInbox picks =
                    new PicksInbox(
                        setup.router().inbox(),
                        new PickIntake(setup.db(), setup.router().parser(), setup.clock()));
                inbox = Optional.of(picks);
                yield routerJobs(setup, leadership, picks);
              }
              case EXECUTION -> {
                NoticeInbox received = new NoticeInbox(leadership);
                notices = Optional.of(received);
                yield executionJobs(setup, leadership, received);
              }
              case PORTFOLIO -> portfolioJobs(setup);
            };
        loops.put(
            module,
            ModuleLoop.start(
                module.displayName(),
                leadership,
                setup.clock(),
                setup.pacing().tick(),
                setup.pacing().pass(),
                jobs));
        log.info(
            "module started [module={}, instance={}, leading={}]",
            module.displayName(),
            setup.instanceId(),
            leadership.isLeading());
      }
    } catch (RuntimeException e) {
      new TradingModules(loops, feed, inbox, notices).close();
      throw e;
    }
    return new TradingModules(loops, feed, inbox, notices);
  }

  /**
   * What PriceSync calls with each committed batch: the exit engine's feed when exit runs here,
   * else nothing.
   */
  public BestPriceListener prices() {
    return exitFeed.<BestPriceListener>map(f -> f).orElse(BestPriceListener.NONE);
  }

  /** The modules started, each with where its claim stands now. */
  public Map<TradingModule, Leadership.State> states() {
    Map<TradingModule, Leadership.State> states = new EnumMap<>(TradingModule.class);
    loops.forEach((module, loop) -> states.put(module, loop.leadership().state()));
    return states;
  }

  /** The loop of {@code module}, if it runs here. */
  public Optional<ModuleLoop> loop(TradingModule module) {
    return Optional.ofNullable(loops.get(module));
  }

  // ---------------------------------------------------------------- the modules' jobs

  private static List<ModuleLoop.Job> exitJobs(Setup setup, ExitFeed feed) {
    return List.of(
        ModuleLoop.Job.leading(
            "recheck held symbols",
            setup.pacing().exitRecheck(),
            term -> feed.recheck(heldSymbols(setup.db()))));
  }

  /** How often an entering module reads the broker's balance for its risk gate. */
  private static final Duration BALANCE_EVERY = Duration.ofMinutes(1);

  private static BrokerBalance brokerBalance(Setup setup) {
    return new BrokerBalance(() -> setup.client().trading().balance(), setup.clock());
  }

  private static List<ModuleLoop.Job> reentryJobs(Setup setup, Leadership leadership) {
    BrokerBalance balance = brokerBalance(setup);
    RiskGate gate = new RiskGate(setup.risk(), balance);
    ReentryRisk risk =
        (symbol, quantity, price) -> {
          try (Connection c = setup.db().dataSource(ModuleRole.REENTRY).getConnection()) {
            RiskResult result = gate.check(c, symbol, quantity, price, setup.clock().instant());
            return result instanceof RiskResult.Failed f
                ? Optional.of(f.reason() + " (" + f.detail() + ")")
                : Optional.empty();
          } catch (SQLException e) {
            return Optional.of("the risk gate could not be read: " + e.getMessage());
          }
        };
    ReentryEngine engine =
        new ReentryEngine(
            setup.db(),
            setup.reentry(),
            setup.calendar(),
            setup.clock(),
            leadership,
            EntriesHalted.killSwitch(setup.db(), ModuleRole.REENTRY),
            risk);
    return List.of(
        ModuleLoop.Job.leading("broker balance", BALANCE_EVERY, term -> balance.refresh()),
        ModuleLoop.Job.leading("scan", Duration.ZERO, term -> engine.scan()));
  }

  private static List<ModuleLoop.Job> routerJobs(
      Setup setup, Leadership leadership, PicksInbox inbox) {
    BrokerBalance balance = brokerBalance(setup);
    Router router =
        new Router(
            setup.db(),
            setup.router(),
            new RiskGate(setup.risk(), balance),
            leadership,
            EntriesHalted.killSwitch(setup.db(), ModuleRole.ROUTER),
            setup.clock(),
            setup.universe());
    return List.of(
        ModuleLoop.Job.always("picks inbox", setup.router().inboxEvery(), term -> inbox.scan()),
        ModuleLoop.Job.leading("broker balance", BALANCE_EVERY, term -> balance.refresh()),
        ModuleLoop.Job.leading(
            "decide", setup.router().decideEvery(), term -> router.decideOnce()));
  }

  private static List<ModuleLoop.Job> executionJobs(
      Setup setup, Leadership leadership, NoticeInbox notices) {
    KisExecutionBroker broker = new KisExecutionBroker(setup.client());
    Execution execution =
        new Execution(
            setup.db(),
            leadership,
            broker,
            new PreTradeChecks(
                broker,
                setup.calendar(),
                setup.clock(),
                EntriesHalted.killSwitch(setup.db(), ModuleRole.EXECUTION)),
            setup.clock(),
            Execution.Hooks.none());
    Fills fills = new Fills(setup.db(), broker, setup.clock(), setup.accountId());
    Holdings holdings = new Holdings(setup.db(), broker, setup.clock(), setup.accountId());
    ExecutionDay day = new ExecutionDay(setup.calendar(), setup.clock());
    return List.of(
        ModuleLoop.Job.leading(
            "send and poll",
            Duration.ZERO,
            term -> {
              Term current = term.orElseThrow();
              if (day.newTerm(current)) {
                // start-up recovery: fills and holdings before any new order
                fills.poll(current);
                holdings.refresh(current);
                day.recovered(current);
              }
              notices.drain(current, fills, setup.clock());
              execution.cycle(EXECUTION_BATCH);
              notices.drain(current, fills, setup.clock());
              fills.cancelRequested(current);
              fills.poll(current);
              if (day.sessionEnded()) {
                int cancels = fills.cancelStale(current, Duration.ZERO);
                fills.poll(current);
                holdings.refresh(current);
                day.endDone();
                log.info("session end: open limit orders cancelled [accepted={}]", cancels);
              }
            }),
        ModuleLoop.Job.leading(
            "holdings", setup.pacing().holdings(), term -> holdings.refresh(term.orElseThrow())));
  }

  private static List<ModuleLoop.Job> portfolioJobs(Setup setup) {
    Portfolio portfolio =
        new Portfolio(
            setup.db(), setup.clock(), setup.bestPriceMaxAge(), setup.universe(), setup.calendar());
    CashBalance cash = () -> setup.client().trading().balance().cashSettled();
    return List.of(
        ModuleLoop.Job.leading(
            "schedule and plans",
            setup.pacing().portfolio(),
            term -> {
              portfolio.runDue(cash);
              portfolio.advanceAll(term.orElseThrow());
            }));
  }

  private static List<Symbol> heldSymbols(Database db) throws SQLException {
    List<Symbol> symbols = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXIT).getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT DISTINCT symbol FROM trade.positions WHERE status IN ('OPEN', 'CLOSING')"
                    + " ORDER BY symbol");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        symbols.add(Symbol.of(rows.getString(1)));
      }
    }
    return symbols;
  }

  /** Execution's day: which term has done its start-up recovery, and the session end done. */
  private static final class ExecutionDay {
    private final TradingCalendar calendar;
    private final InstantSource clock;
    private Term recovered;
    private LocalDate endDoneOn;

    ExecutionDay(TradingCalendar calendar, InstantSource clock) {
      this.calendar = calendar;
      this.clock = clock;
    }

    boolean newTerm(Term term) {
      return !term.equals(recovered);
    }

    void recovered(Term term) {
      recovered = term;
    }

    /** After today's close on a trading day, until it is done once. */
    boolean sessionEnded() {
      Instant now = clock.instant();
      LocalDate today = TradingCalendar.kstDate(now);
      return calendar.isTradingDay(today)
          && !today.equals(endDoneOn)
          && !now.isBefore(calendar.close(today));
    }

    void endDone() {
      endDoneOn = TradingCalendar.kstDate(clock.instant());
    }
  }

  /**
   * Stops every loop (the router first, execution last), each stepping down; the exit feed and the
   * picks inbox after their loops.
   */
  @Override
  public void close() {
    List<TradingModule> order =
        List.of(
            TradingModule.ROUTER,
            TradingModule.REENTRY,
            TradingModule.EXIT,
            TradingModule.PORTFOLIO,
            TradingModule.EXECUTION);
    for (TradingModule module : order) {
      ModuleLoop loop = loops.get(module);
      if (loop != null) {
        try {
          loop.close();
        } catch (RuntimeException e) {
          log.warn(
              "module did not stop cleanly [module={}]: {}", module.displayName(), e.toString());
        }
      }
      if (module == TradingModule.EXIT) {
        exitFeed.ifPresent(ExitFeed::close);
      }
      if (module == TradingModule.ROUTER) {
        inbox.ifPresent(PicksInbox::close);
      }
    }
  }
}
