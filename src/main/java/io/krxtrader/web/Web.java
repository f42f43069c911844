package io.krxtrader.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketQueries;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.portfolio.Portfolio;
import io.krxtrader.system.Halt;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leaders;
import io.krxtrader.system.Leadership;
import io.krxtrader.trade.execution.ExecutionQueries;
import io.krxtrader.trade.execution.Holdings;
import io.krxtrader.trade.execution.Mismatches;
import io.krxtrader.trade.exit.ExitQueries;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.trade.router.PicksHttpHandler;
import io.krxtrader.trade.router.RouterQueries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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
import java.util.UUID;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator surface: a JSON API over the modules' own queries, the state-changing endpoints
 * behind the bearer token, the dashboard at {@code /} and the Prometheus scrape at {@code
 * /metrics}, on Javalin (Jetty 12), bound to 127.0.0.1 unless configured.
 *
 * <p>Start it with {@link #start}; {@code serve} runs nothing else, {@code run} and {@code demo}
 * embed it beside the trading modules. Every POST is refused with 401 without {@code Authorization:
 * Bearer <token>}, and every POST (answered or refused) is recorded in {@code system.web_actions}
 * with its caller. The token never appears in an answer, a page or a log.
 */
public final class Web implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Web.class);

  /** What the surface reads and acts on; cli wires them. */
  public record Modules(
      Database database, Observer observer, Portfolio portfolio, Optional<PickIntake> picks) {
    public Modules {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(observer, "observer");
      Objects.requireNonNull(portfolio, "portfolio");
      Objects.requireNonNull(picks, "picks");
    }
  }

  /** A JSON reply: its status and body (serialised by {@link Json}). */
  record Reply(int status, Object body) {}

  @FunctionalInterface
  private interface Read {
    Object answer(Params params, Connection connection) throws Exception;
  }

  @FunctionalInterface
  private interface Change {
    Reply answer(Context ctx, Params params, Halt.Operator caller) throws Exception;
  }

  private final Modules modules;
  private final Database db;
  private final InstantSource clock;
  private final WebToken token;
  private final WebConfig config;
  private final List<Route> routes = new ArrayList<>();
  private final Metrics metrics;
  private final Optional<PicksHttpHandler> picks;
  private Javalin server;

  private Web(WebConfig config, Modules modules, InstantSource clock) {
    this.config = config;
    this.modules = modules;
    this.db = modules.database();
    this.clock = clock;
    this.token = WebToken.load(config);
    this.picks = modules.picks().map(intake -> new PicksHttpHandler(intake, token.secret()));
    this.metrics = new Metrics(db, clock);
  }

  /**
   * Starts the surface (port 0: a free one) and returns once it listens; {@link #url} says where.
   * The token comes from the configuration or the owner-only token file, written on first start.
   */
  public static Web start(WebConfig config, Modules modules, InstantSource clock) {
    Web web = new Web(config, modules, clock);
    web.listen();
    return web;
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:8470/}. */
  public URI url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + server.port() + "/");
  }

  public int port() {
    return server.port();
  }

  /** Where the token is read from, for people: the file, or that it is configured. */
  public String tokenSource() {
    return config.token().isPresent()
        ? "configured (web.token)"
        : config.tokenFile().toAbsolutePath().toString();
  }

  /** Every route, reads and state-changing ones. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
    metrics.close();
  }

  private void listen() {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2, 60_000);
    threads.setName("web");
    threads.setDaemon(true);
    server =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.startup.showOldJavalinVersionWarning = false;
              javalin.startup.startupWatcherEnabled = false;
              javalin.jetty.host = config.host();
              javalin.jetty.port = config.port();
              javalin.jetty.threadPool = threads;
              register(javalin.routes);
            });
    server.start();
  }

  // ---- routes ----------------------------------------------------------------------------------

  private void register(io.javalin.config.RoutesConfig r) {
    page(r, "/", "The dashboard (HTML).", "text/html; charset=utf-8", "dashboard.html");
    resource(
        r,
        "/assets/uplot.js",
        "text/javascript; charset=utf-8",
        "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
    resource(
        r,
        "/assets/uplot.css",
        "text/css; charset=utf-8",
        "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css");
    raw(
        r,
        "/metrics",
        "Prometheus metrics (text exposition format).",
        ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
    raw(
        r,
        "/openapi.json",
        "This API's OpenAPI 3.1 description.",
        ctx -> ctx.contentType("application/json").result(OpenApi.describe(routes)));

    read(r, "/api/status", "Everything the dashboard shows at once.", List.of(), this::status);
    read(
        r,
        "/api/leaders",
        "Who leads each module, with the heartbeat's age.",
        List.of(),
        (p, c) -> Map.of("leaders", leaders(c)));
    read(r, "/api/halt", "The kill switch.", List.of(), (p, c) -> HaltView.of(Halt.current(c)));
    read(
        r,
        "/api/prices",
        "Every symbol's best price and freshness.",
        List.of(),
        (p, c) -> Map.of("prices", MarketQueries.bestPrices(c)));
    read(
        r,
        "/api/prices/{symbol}",
        "A symbol's best price and freshness.",
        List.of(),
        (p, c) ->
            MarketQueries.bestPrice(c, p.symbolPath("symbol"))
                .<Object>map(b -> b)
                .orElseThrow(() -> new NotFound("no best price for this symbol")));
    read(
        r,
        "/api/stale",
        "The symbols the stale scan marked stale, with the reason.",
        List.of("limit"),
        (p, c) ->
            Map.of(
                "stale_count",
                MarketQueries.staleCount(c),
                "stale_symbols",
                MarketQueries.staleSymbols(c, p.limit("limit", 200, 10_000))));
    read(
        r,
        "/api/positions",
        "Open and closing positions with phase, last price and P&L.",
        List.of(),
        (p, c) -> Map.of("positions", ExecutionQueries.openPositions(c)));
    read(
        r,
        "/api/positions/{position_id}",
        "One position.",
        List.of(),
        (p, c) ->
            ExecutionQueries.position(c, p.uuidPath("position_id"))
                .<Object>map(x -> x)
                .orElseThrow(() -> new NotFound("no such position")));
    read(
        r,
        "/api/positions/{position_id}/exit-signals",
        "The exit engine's signals of a position, newest first.",
        List.of("limit"),
        (p, c) ->
            Map.of(
                "exit_signals",
                ExitQueries.signals(c, p.uuidPath("position_id"), p.limit("limit", 100, 10_000))));
    read(
        r,
        "/api/intents",
        "The order intents of a KST day (default today).",
        List.of("date"),
        (p, c) -> Map.of("intents", ExecutionQueries.intents(c, p.date("date"))));
    read(
        r,
        "/api/orders",
        "The broker orders of a KST day.",
        List.of("date"),
        (p, c) -> Map.of("orders", ExecutionQueries.orders(c, p.date("date"))));
    read(
        r,
        "/api/fills",
        "The fills of a KST day.",
        List.of("date"),
        (p, c) -> Map.of("fills", ExecutionQueries.fills(c, p.date("date"))));
    read(
        r,
        "/api/holdings",
        "The broker's holdings as last read.",
        List.of(),
        (p, c) -> Map.of("holdings", ExecutionQueries.holdings(c)));
    read(
        r,
        "/api/mismatches",
        "Open mismatches between positions and the broker's holdings.",
        List.of(),
        (p, c) -> Map.of("mismatches", Mismatches.open(c)));
    read(
        r,
        "/api/picks",
        "The picks of a KST day.",
        List.of("date"),
        (p, c) -> Map.of("picks", RouterQueries.picks(db, p.date("date"))));
    read(
        r,
        "/api/decisions",
        "The router's decisions of a KST day, with each gate.",
        List.of("date"),
        (p, c) -> Map.of("decisions", RouterQueries.decisions(db, p.date("date"))));
    read(
        r,
        "/api/portfolio/policies/{policy_id}/snapshot",
        "The latest snapshot of a portfolio policy.",
        List.of(),
        (p, c) ->
            modules
                .portfolio()
                .latestSnapshot(p.text("policy_id"))
                .<Object>map(s -> s)
                .orElseThrow(() -> new NotFound("no snapshot of this policy")));
    read(
        r,
        "/api/portfolio/plans/{plan_id}",
        "A rebalancing plan with its orders.",
        List.of(),
        (p, c) ->
            modules
                .portfolio()
                .findPlan(p.longPath("plan_id"))
                .<Object>map(x -> x)
                .orElseThrow(() -> new NotFound("no such plan")));
    read(
        r,
        "/api/observer/swing-bars",
        "10-minute swing bars of a symbol, newest first: the latest, or from..to.",
        List.of("symbol", "from", "to", "limit"),
        (p, c) -> {
          var symbol = p.symbolQuery("symbol");
          Optional<TimeRange> range = range(p);
          return Map.of(
              "swing_bars",
              range.isEmpty()
                  ? modules.observer().latestSwingBars(symbol, p.limit("limit", 100, 100_000))
                  : modules
                      .observer()
                      .swingBars(List.of(symbol), range.get(), p.optionalInt("limit", 1, 100_000)));
        });
    read(
        r,
        "/api/observer/ticks",
        "Track B ticks of a symbol, newest first: the latest, or from..to.",
        List.of("symbol", "from", "to", "limit"),
        (p, c) -> {
          var symbol = p.symbolQuery("symbol");
          Optional<TimeRange> range = range(p);
          return Map.of(
              "ticks",
              range.isEmpty()
                  ? modules.observer().latestTicks(symbol, p.limit("limit", 100, 100_000))
                  : modules
                      .observer()
                      .ticks(symbol, range.get(), p.optionalInt("limit", 1, 100_000)));
        });
    read(
        r,
        "/api/observer/minute-bars",
        "1-minute bars in from..to of some symbols (all when absent), at or above a grade.",
        List.of("symbols", "from", "to", "minimum_grade"),
        (p, c) -> {
          var symbols = p.symbols("symbols");
          TimeRange range =
              range(p).orElseThrow(() -> new Params.BadParameter("from", "from and to"));
          return Map.of(
              "minute_bars",
              modules.observer().minuteBars(symbols, range, p.grade("minimum_grade")));
        });
    read(
        r,
        "/api/observer/gaps",
        "Gap counts per scope on the KST days first_date..last_date (default today).",
        List.of("first_date", "last_date", "scope"),
        (p, c) -> {
          LocalDate first = p.date("first_date");
          LocalDate last = p.optionalDate("last_date").orElse(first);
          return Map.of(
              "gaps",
              modules
                  .observer()
                  .gapCounts(p.oneOf("scope", List.of("scalp", "swing")), first, last));
        });
    read(
        r,
        "/api/observer/critical-gaps",
        "Gaps of at least minimum_seconds (default: observer.critical-gap) on first..last date.",
        List.of("first_date", "last_date", "minimum_seconds", "all_hours"),
        (p, c) -> {
          LocalDate first = p.date("first_date");
          LocalDate last = p.optionalDate("last_date").orElse(first);
          return Map.of(
              "critical_gaps",
              modules
                  .observer()
                  .criticalGaps(
                      first,
                      last,
                      p.optionalInt("minimum_seconds", 1, 86_400).map(Duration::ofSeconds),
                      !p.flag("all_hours")));
        });
    read(
        r,
        "/api/observer/coverage",
        "Coverage per symbol (some, or all) and KST day.",
        List.of("symbols", "first_date", "last_date"),
        (p, c) -> {
          LocalDate first = p.date("first_date");
          LocalDate last = p.optionalDate("last_date").orElse(first);
          return Map.of("coverage", modules.observer().coverage(p.symbols("symbols"), first, last));
        });
    read(
        r,
        "/api/chart/{symbol}",
        "A symbol's prices of a KST day (Track B ticks) with its fills marked.",
        List.of("date"),
        (p, c) -> Chart.of(modules.observer(), c, p.symbolPath("symbol"), p.date("date")));

    change(
        r,
        "/api/halt",
        "Halt new entries (JSON body: reason, exits_too).",
        (ctx, p, caller) -> {
          HaltRequest request = HaltRequest.parse(ctx.bodyAsBytes());
          Halt.halt(db, request.reason(), request.exitsToo(), caller, clock);
          return new Reply(200, HaltView.of(Halt.current(db, ModuleRole.SYSTEM)));
        });
    change(
        r,
        "/api/resume",
        "Lift the halt.",
        (ctx, p, caller) -> {
          Halt.resume(db, caller, clock);
          return new Reply(200, HaltView.of(Halt.current(db, ModuleRole.SYSTEM)));
        });
    change(
        r,
        "/api/picks",
        "Submit a pick run (application/json or text/csv), as trade.router's PicksHttpHandler.",
        (ctx, p, caller) -> {
          if (picks.isEmpty()) {
            return new Reply(503, Map.of("message", "the router is not configured here"));
          }
          PicksHttpHandler.Answer answer =
              picks
                  .get()
                  .handle(
                      Optional.ofNullable(ctx.header("Authorization")),
                      Optional.ofNullable(ctx.header("Content-Type")),
                      ctx.bodyAsBytes());
          return new Reply(answer.status(), new RawJson(answer.json()));
        });
    change(
        r,
        "/api/portfolio/plans/{plan_id}/approve",
        "Approve a rebalancing plan (as the portfolio leader).",
        (ctx, p, caller) -> {
          long planId = p.longPath("plan_id");
          return new Reply(
              200,
              asLeader(LeaderName.PORTFOLIO, term -> modules.portfolio().approve(planId, term)));
        });
    change(
        r,
        "/api/portfolio/plans/{plan_id}/cancel",
        "Cancel a rebalancing plan.",
        (ctx, p, caller) -> new Reply(200, modules.portfolio().cancel(p.longPath("plan_id"))));
    change(
        r,
        "/api/reconcile/adopt",
        "Make the positions agree with the broker's holdings (as the execution leader).",
        (ctx, p, caller) ->
            new Reply(
                200,
                Map.of(
                    "adopted",
                    asLeader(
                        LeaderName.EXECUTION, term -> Holdings.adopt(db, term, clock.instant())))));
    change(
        r,
        "/api/positions/{position_id}/exit",
        "Manual exit: not available yet (the exit engine has no way to take a request).",
        (ctx, p, caller) -> {
          p.uuidPath("position_id");
          return new Reply(
              501,
              Map.of(
                  "message",
                  "manual exit is not available: the exit engine cannot take an operator"
                      + " request yet; use halt --exits-too or the broker"));
        });
  }

  /** A JSON body written as it is (the picks handler's answer). */
  record RawJson(String json) {}

  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  static final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message);
    }
  }

  @FunctionalInterface
  private interface LeaderAction<T> {
    T run(Leadership.Term term) throws SQLException;
  }

  private <T> T asLeader(LeaderName name, LeaderAction<T> action) throws SQLException {
    try (Leadership leader = Leadership.elect(db, name, "web-" + UUID.randomUUID(), clock)) {
      Optional<Leadership.Term> term = leader.term();
      if (term.isEmpty()) {
        throw new Conflict(
            "the " + name.displayName() + " leader runs in another process: act there");
      }
      return action.run(term.get());
    }
  }

  private static Optional<TimeRange> range(Params p) {
    Optional<Instant> from = p.time("from");
    Optional<Instant> to = p.time("to");
    if (from.isEmpty() && to.isEmpty()) {
      return Optional.empty();
    }
    if (from.isEmpty()) {
      throw new Params.BadParameter("from", "from together with to");
    }
    if (to.isEmpty()) {
      throw new Params.BadParameter("to", "to together with from");
    }
    if (!to.get().isAfter(from.get())) {
      throw new Params.BadParameter("to", "a time after from");
    }
    return Optional.of(new TimeRange(from.get(), to.get()));
  }

  private Map<String, Object> status(Params p, Connection c) throws SQLException {
    Map<String, Object> status = new LinkedHashMap<>();
    Instant now = clock.instant();
    LocalDate today = TradingCalendar.kstDate(now);
    status.put("time", now);
    status.put("halt", HaltView.of(Halt.current(c)));
    status.put("leaders", leaders(c));
    status.put("stale_count", MarketQueries.staleCount(c));
    status.put("stale_symbols", MarketQueries.staleSymbols(c, 200));
    status.put("mismatches", Mismatches.open(c));
    status.put("positions", ExecutionQueries.openPositions(c));
    status.put("intents", ExecutionQueries.intents(c, today));
    status.put("orders", ExecutionQueries.orders(c, today));
    status.put("fills", ExecutionQueries.fills(c, today));
    return status;
  }

  private List<Map<String, Object>> leaders(Connection c) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Leaders.Leader l : Leaders.current(c, clock.instant())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("leader", l.displayName());
      row.put("instance_id", l.instanceId());
      row.put("host", l.host());
      row.put("pid", l.pid());
      row.put("term", l.term());
      row.put("heartbeat_age_milliseconds", l.age().toMillis());
      row.put("stale", l.stale());
      rows.add(row);
    }
    return rows;
  }

  // ---- plumbing
  // ----------------------------------------------------------------------------------

  private void read(
      io.javalin.config.RoutesConfig r,
      String path,
      String summary,
      List<String> parameters,
      Read read) {
    routes.add(new Route("GET", path, summary, parameters));
    r.addHttpHandler(
        HandlerType.GET,
        path,
        ctx -> {
          Params params = new Params(ctx, clock.instant());
          Reply reply;
          try (Connection c = db.dataSource(ModuleRole.SYSTEM).getConnection()) {
            c.setReadOnly(true);
            reply = answer(() -> new Reply(200, read.answer(params, c)));
          }
          send(ctx, reply);
        });
  }

  private void change(
      io.javalin.config.RoutesConfig r, String path, String summary, Change change) {
    routes.add(new Route("POST", path, summary, List.of()));
    r.addHttpHandler(
        HandlerType.POST,
        path,
        ctx -> {
          String caller = caller(ctx);
          if (!token.accepts(Optional.ofNullable(ctx.header("Authorization")))) {
            Reply refused =
                new Reply(
                    401,
                    Map.of(
                        "outcome",
                        "unauthorized",
                        "message",
                        "send Authorization: Bearer <the web token>"));
            record(ctx, "unauthorized " + caller, refused);
            send(ctx, refused);
            return;
          }
          Params params = new Params(ctx, clock.instant());
          Halt.Operator operator =
              new Halt.Operator("web", caller, (int) ProcessHandle.current().pid());
          Reply reply = answer(() -> change.answer(ctx, params, operator));
          record(ctx, caller, reply);
          send(ctx, reply);
        });
  }

  private void page(
      io.javalin.config.RoutesConfig r, String path, String summary, String type, String resource) {
    String body = new String(resourceBytes("io/krxtrader/web/" + resource), StandardCharsets.UTF_8);
    raw(r, path, summary, ctx -> ctx.contentType(type).result(body));
  }

  private void resource(
      io.javalin.config.RoutesConfig r, String path, String type, String resource) {
    byte[] body = resourceBytes(resource);
    r.addHttpHandler(
        HandlerType.GET,
        path,
        ctx -> ctx.contentType(type).header("Cache-Control", "max-age=86400").result(body));
  }

  private void raw(
      io.javalin.config.RoutesConfig r,
      String path,
      String summary,
      io.javalin.http.Handler handler) {
    routes.add(new Route("GET", path, summary, List.of()));
    r.addHttpHandler(HandlerType.GET, path, handler);
  }

  static byte[] resourceBytes(String name) {
    try (InputStream in = Web.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface Answer {
    Reply get() throws Exception;
  }

  /** Runs a handler and turns what it throws into the status people can act on. */
  private static Reply answer(Answer answer) {
    try {
      return answer.get();
    } catch (Params.BadParameter e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("outcome", "bad_parameter");
      body.put("parameter", e.parameter());
      body.put("expected", e.expected());
      body.put("message", e.getMessage());
      return new Reply(400, body);
    } catch (HaltRequest.BadBody e) {
      return new Reply(400, Map.of("outcome", "bad_body", "message", e.getMessage()));
    } catch (NotFound e) {
      return new Reply(404, Map.of("outcome", "not_found", "message", e.getMessage()));
    } catch (Conflict | KrxTraderException e) {
      return new Reply(409, Map.of("outcome", "refused", "message", e.getMessage()));
    } catch (Exception e) {
      LOG.warn("web request failed: {}", e.toString());
      return new Reply(
          500, Map.of("outcome", "error", "message", "internal error (see the server's log)"));
    }
  }

  private static void send(Context ctx, Reply reply) {
    String json =
        reply.body() instanceof RawJson rawJson ? rawJson.json() : Json.write(reply.body());
    ctx.status(reply.status()).contentType("application/json; charset=utf-8").result(json);
  }

  /** Who sent a request, as recorded: the remote address and the user agent (shortened). */
  private static String caller(Context ctx) {
    String agent = Optional.ofNullable(ctx.header("User-Agent")).orElse("-");
    if (agent.length() > 120) {
      agent = agent.substring(0, 120);
    }
    return ctx.ip() + " " + agent.replaceAll("[\\p{Cntrl}]", "?");
  }

  private void record(Context ctx, String caller, Reply reply) {
    String outcome =
        reply.body() instanceof Map<?, ?> map && map.get("outcome") != null
            ? String.valueOf(map.get("outcome"))
            : reply.status() < 300 ? "done" : "refused";
    try (Connection c = db.dataSource(ModuleRole.SYSTEM).getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO system.web_actions (ts, caller, method, path, status, outcome)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(clock.instant()));
      s.setString(2, caller);
      s.setString(3, ctx.method().name());
      s.setString(4, ctx.path());
      s.setInt(5, reply.status());
      s.setString(6, outcome);
      s.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("could not record a web action: {}", e.toString());
    }
    metrics.webAction(reply.status());
  }
}
