package io.krxtrader.trade.execution;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.trade.PriceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends order intents to the broker, each at most once. One thread of the execution leader calls
 * {@link #cycle}: the first cycle of a term is start-up recovery ({@link #recover}), and until it
 * has looked at the broker's day once no new order goes out. Every write is its own transaction and
 * checks the leader's term first. The intent's way ({@link IntentState} has the table):
 *
 * <ol>
 *   <li>claim NEW intents ({@code FOR UPDATE SKIP LOCKED}), check each ({@link PreTradeChecks}):
 *       DENIED with the reason, or SUBMITTING with the submit time and term, committed before the
 *       broker is called;
 *   <li>send: SUBMITTED with the {@code trade.orders} row (KIS order number, whole answer in {@code
 *       raw}), REJECTED with the broker's code and message, or UNKNOWN when the outcome is not
 *       known;
 *   <li>recovery, every cycle: SUBMITTING left by a crash or an earlier term becomes UNKNOWN; an
 *       UNKNOWN intent with exactly one matching broker order (symbol, side, quantity, price type
 *       and limit price, at or after the submit second less {@link #CLOCK_TOLERANCE}, linked to no
 *       intent) that no other unresolved intent matches is linked; several candidates either way
 *       HOLD every intent involved for the operator; no candidate in two looks {@link
 *       IntentState#CHECK_GAP} apart, the second after the submit time plus the broker's longest
 *       call ({@link Broker#longestCall()}) and {@link IntentState#IN_FLIGHT_MARGIN}, lets it be
 *       checked and sent again, once.
 * </ol>
 */
public final class Execution {

  private static final Logger LOG = LoggerFactory.getLogger(Execution.class);

  /**
   * How far the broker's order time (ORD_TMD, whole seconds, the broker's clock) may be before our
   * submit time and still match: a broker clock a little behind ours must not hide the order, or
   * the two empty looks would send it again.
   */
  public static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofSeconds(5);

  /** Where a test may stop the process dead (an in-process stand-in for a kill). */
  public enum Point {
    /** SUBMITTING is committed; the broker has not been called. */
    SUBMITTING_COMMITTED,
    /** The broker accepted the order; SUBMITTED is not committed. */
    BROKER_ACCEPTED
  }

  /** Called at each {@link Point}; a test throws there to "crash". */
  @FunctionalInterface
  public interface Hooks {
    void reached(Point point, UUID intentId);

    static Hooks none() {
      return (point, intent) -> {};
    }
  }

  /** What one cycle did. */
  public record Cycle(int sent, int denied, int linked, int held, Optional<String> blocked) {}

  private final Database db;
  private final Leadership leadership;
  private final Broker broker;
  private final PreTradeChecks checks;
  private final InstantSource clock;
  private final Hooks hooks;
  private Term recoveredTerm;
  private volatile Optional<String> blocked = Optional.of("start-up recovery has not run");

  public Execution(
      Database db,
      Leadership leadership,
      Broker broker,
      PreTradeChecks checks,
      InstantSource clock,
      Hooks hooks) {
    this.db = Objects.requireNonNull(db, "db");
    this.leadership = Objects.requireNonNull(leadership, "leadership");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.checks = Objects.requireNonNull(checks, "checks");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /** Why no new order goes out now (recovery not finished, broker unreachable), if so. */
  public Optional<String> blocked() {
    return blocked;
  }

  /**
   * One round: recovery (start-up recovery first in a new term), then at most {@code max} new
   * intents checked and sent. Does nothing when not leading.
   */
  public Cycle cycle(int max) throws SQLException {
    Optional<Term> term = leadership.term();
    if (term.isEmpty() || !leadership.isLeading()) {
      return new Cycle(0, 0, 0, 0, Optional.of("not the execution leader"));
    }
    Counts counts = new Counts();
    try {
      recover(term.get(), counts);
    } catch (BrokerUnavailableException e) {
      blocked = Optional.of("recovery could not ask the broker: " + e.getMessage());
      LOG.warn("Execution recovery incomplete, no new orders [reason={}]", e.getMessage());
      return counts.result(blocked);
    }
    recoveredTerm = term.get();
    blocked = Optional.empty();
    try {
      for (IntentRow intent : claim(term.get(), max, counts)) {
        send(term.get(), intent, counts);
      }
    } catch (BrokerUnavailableException e) {
      LOG.warn("Execution checks could not ask the broker [reason={}]", e.getMessage());
      return counts.result(Optional.of("checks could not ask the broker: " + e.getMessage()));
    }
    return counts.result(Optional.empty());
  }

  /** Whether start-up recovery has looked at the broker in the current term. */
  public boolean recovered() {
    return recoveredTerm != null && leadership.term().map(recoveredTerm::equals).orElse(false);
  }

  private final class Counts {
    int sent;
    int denied;
    int linked;
    int held;

    Cycle result(Optional<String> why) {
      return new Cycle(sent, denied, linked, held, why);
    }
  }

  // ---------------------------------------------------------------- claim and send

  private List<IntentRow> claim(Term term, int max, Counts counts) throws SQLException {
    Instant now = clock.instant();
    List<IntentRow> claimed = new ArrayList<>();
    try (Connection c = connection()) {
      try {
        term.check(c);
        List<IntentRow> fresh = new ArrayList<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + IntentRow.COLUMNS
                    + " FROM trade.order_intents WHERE status = 'NEW'"
                    + " ORDER BY created_ts, intent_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
          s.setInt(1, max);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              fresh.add(IntentRow.read(rs));
            }
          }
        }
        for (IntentRow intent : fresh) {
          Optional<String> denial = checks.denial(c, intent);
          IntentState next =
              intent
                  .state()
                  .on(
                      denial.isPresent()
                          ? new IntentState.Deny(denial.get())
                          : new IntentState.Claim(now))
                  .orElseThrow();
          write(c, intent.intentId(), intent.state(), next, term, denial.orElse(null));
          if (next instanceof IntentState.Submitting) {
            claimed.add(withState(intent, next));
          } else {
            counts.denied++;
            LOG.info(
                "Intent denied [intent={}, symbol={}, reason={}]",
                intent.intentId(),
                intent.symbol().code(),
                denial.get());
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    for (IntentRow intent : claimed) {
      hooks.reached(Point.SUBMITTING_COMMITTED, intent.intentId());
    }
    return claimed;
  }

  private void send(Term term, IntentRow intent, Counts counts) throws SQLException {
    Placement placement = broker.place(intent.order());
    IntentState from = intent.state();
    switch (placement) {
      case Placement.Accepted a -> {
        hooks.reached(Point.BROKER_ACCEPTED, intent.intentId());
        inTransaction(
            term,
            c -> {
              insertOrder(c, intent, a.orderId(), a.branch(), a.raw(), "answer");
              write(
                  c,
                  intent.intentId(),
                  from,
                  from.on(new IntentState.Accepted(a.orderId())).orElseThrow(),
                  term,
                  null,
                  a.msgCd(),
                  null);
            });
        counts.sent++;
      }
      case Placement.Rejected r ->
          inTransaction(
              term,
              c ->
                  write(
                      c,
                      intent.intentId(),
                      from,
                      from.on(new IntentState.Refused(r.msgCd(), r.message())).orElseThrow(),
                      term,
                      "rejected by the broker",
                      r.msgCd(),
                      r.message()));
      case Placement.Ambiguous a -> {
        LOG.warn(
            "Order outcome unknown, recovery will look for it [intent={}, reason={}]",
            intent.intentId(),
            a.reason());
        move(
            term,
            intent.intentId(),
            from,
            from.on(new IntentState.Ambiguous(a.reason())).orElseThrow(),
            "outcome unknown: " + a.reason());
      }
    }
  }

  // ---------------------------------------------------------------- recovery

  private void recover(Term term, Counts counts) throws SQLException {
    List<IntentRow> open = unresolved();
    if (open.isEmpty()) {
      return;
    }
    // A SUBMITTING intent is never in flight here (one thread sends and recovers): a crash or an
    // earlier term left it, so its outcome is unknown.
    List<IntentRow> unknown = new ArrayList<>();
    for (IntentRow intent : open) {
      if (intent.state() instanceof IntentState.Submitting from) {
        IntentState next =
            from.on(new IntentState.Ambiguous("left SUBMITTING (crash or an earlier term)"))
                .orElseThrow();
        move(term, intent.intentId(), from, next, "left SUBMITTING by a crash or an earlier term");
        unknown.add(withState(intent, next));
      } else {
        unknown.add(intent);
      }
    }
    LocalDate day = TradingCalendar.kstDate(clock.instant());
    List<BrokerOrder> orders = broker.dayOrders(day);
    Set<String> linked = linkedOrders();
    List<BrokerOrder> free =
        orders.stream()
            .filter(o -> !o.change() && !linked.contains(o.orderId()))
            .collect(Collectors.toList());
    Map<UUID, List<BrokerOrder>> byIntent = new HashMap<>();
    Map<String, List<IntentRow>> byOrder = new HashMap<>();
    for (IntentRow intent : unknown) {
      List<BrokerOrder> candidates = free.stream().filter(o -> matches(intent, o)).toList();
      byIntent.put(intent.intentId(), candidates);
      for (BrokerOrder order : candidates) {
        byOrder.computeIfAbsent(order.orderId(), k -> new ArrayList<>()).add(intent);
      }
    }
    Instant now = clock.instant();
    Set<UUID> heldNow = new HashSet<>();
    for (IntentRow intent : unknown) {
      if (heldNow.contains(intent.intentId())) {
        continue;
      }
      IntentState.Unknown from = (IntentState.Unknown) intent.state();
      List<BrokerOrder> candidates = byIntent.get(intent.intentId());
      if (candidates.size() == 1 && byOrder.get(candidates.get(0).orderId()).size() == 1) {
        BrokerOrder order = candidates.get(0);
        inTransaction(
            term,
            c -> {
              insertOrder(c, intent, order.orderId(), order.branch(), json(order), "recovery");
              write(
                  c,
                  intent.intentId(),
                  from,
                  from.on(new IntentState.Found(order.orderId())).orElseThrow(),
                  term,
                  "linked by recovery to the broker's order " + order.orderId());
            });
        counts.linked++;
        LOG.info(
            "Unknown intent linked to the broker's order [intent={}, order={}]",
            intent.intentId(),
            order.orderId());
      } else if (!candidates.isEmpty()) {
        Set<UUID> group = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        for (BrokerOrder order : candidates) {
          orderIds.add(order.orderId());
          byOrder.get(order.orderId()).forEach(i -> group.add(i.intentId()));
        }
        String reason =
            "broker orders "
                + orderIds.stream().sorted().toList()
                + " could belong to intents "
                + group.stream().map(UUID::toString).sorted().toList()
                + ": the operator decides (reconcile)";
        for (IntentRow member : unknown) {
          if (group.contains(member.intentId()) && heldNow.add(member.intentId())) {
            IntentState memberFrom = member.state();
            move(
                term,
                member.intentId(),
                memberFrom,
                memberFrom.on(new IntentState.Contested(reason)).orElseThrow(),
                reason);
            counts.held++;
          }
        }
        LOG.warn("Intents held for the operator [reason={}]", reason);
      } else {
        IntentState next = from.on(new IntentState.Empty(now, broker.longestCall())).orElseThrow();
        if (next.equals(from)) {
          continue;
        }
        move(
            term,
            intent.intentId(),
            from,
            next,
            next instanceof IntentState.Held h
                ? h.reason()
                : "no matching broker order in look " + ((IntentState.Unknown) next).emptyChecks());
        if (next instanceof IntentState.Held) {
          counts.held++;
        } else if (((IntentState.Unknown) next).mayResend()) {
          resend(term, withState(intent, next), counts);
        }
      }
    }
  }

  /** Two empty looks: check again and send once more (the broker never saw the first send). */
  private void resend(Term term, IntentRow intent, Counts counts) throws SQLException {
    Instant now = clock.instant();
    IntentState[] next = new IntentState[1];
    inTransaction(
        term,
        c -> {
          Optional<String> denial = checks.denial(c, intent);
          next[0] =
              intent
                  .state()
                  .on(
                      denial.isPresent()
                          ? new IntentState.Deny(denial.get())
                          : new IntentState.Claim(now))
                  .orElseThrow();
          write(
              c,
              intent.intentId(),
              intent.state(),
              next[0],
              term,
              denial.orElse("resent after two looks found no order"));
        });
    if (next[0] instanceof IntentState.Submitting) {
      LOG.warn("Intent resent after two empty looks [intent={}]", intent.intentId());
      hooks.reached(Point.SUBMITTING_COMMITTED, intent.intentId());
      send(term, withState(intent, next[0]), counts);
    } else {
      counts.denied++;
    }
  }

  private static boolean matches(IntentRow intent, BrokerOrder order) {
    Instant submitted = submittedAt(intent.state());
    return order.symbol().equals(intent.symbol())
        && order.side() == intent.side()
        && order.quantity() == intent.quantity()
        && order.priceType().equals(Optional.of(intent.priceType()))
        && (intent.priceType() != PriceType.LMT || order.price() == intent.limitPrice())
        && (submitted == null
            || !order
                .time()
                .isBefore(submitted.truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_TOLERANCE)));
  }

  private static Instant submittedAt(IntentState state) {
    return switch (state) {
      case IntentState.Unknown u -> u.submittedAt();
      case IntentState.Submitting s -> s.submittedAt();
      default -> null;
    };
  }

  private static String json(BrokerOrder order) {
    return "{\"source\":\"inquire-daily-ccld\",\"odno\":\""
        + order.orderId()
        + "\",\"ord_gno_brno\":\""
        + order.branch()
        + "\",\"pdno\":\""
        + order.symbol().code()
        + "\",\"side\":\""
        + order.side()
        + "\",\"ord_qty\":"
        + order.quantity()
        + ",\"ord_unpr\":"
        + order.price()
        + ",\"ord_time\":\""
        + order.time()
        + "\",\"tot_ccld_qty\":"
        + order.filledQuantity()
        + "}";
  }

  // ---------------------------------------------------------------- database

  private List<IntentRow> unresolved() throws SQLException {
    List<IntentRow> rows = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + IntentRow.COLUMNS
                    + " FROM trade.order_intents WHERE status IN ('SUBMITTING', 'UNKNOWN')"
                    + " ORDER BY created_ts, intent_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(IntentRow.read(rs));
      }
    }
    return rows;
  }

  private Set<String> linkedOrders() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
        PreparedStatement s = c.prepareStatement("SELECT order_id FROM trade.orders");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private void insertOrder(
      Connection c, IntentRow intent, String orderId, String branch, String raw, String linkedBy)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO trade.orders (order_id, intent_id, submitted_ts, status, raw, branch,"
                + " symbol, side, qty, linked_by) VALUES (?, ?, ?, 'OPEN', ?::jsonb, ?, ?, ?, ?, ?)")) {
      s.setString(1, orderId);
      s.setObject(2, intent.intentId());
      Instant submitted = submittedAt(intent.state());
      s.setTimestamp(3, Timestamp.from(submitted == null ? clock.instant() : submitted));
      s.setString(4, raw);
      s.setString(5, branch);
      s.setString(6, intent.symbol().code());
      s.setString(7, intent.side().name());
      s.setLong(8, intent.quantity());
      s.setString(9, linkedBy);
      s.executeUpdate();
    }
  }

  /** One transition of one intent, in a transaction of its own with the term check. */
  private void move(Term term, UUID intent, IntentState from, IntentState to, String reason)
      throws SQLException {
    inTransaction(term, c -> write(c, intent, from, to, term, reason));
  }

  private void write(
      Connection c, UUID intent, IntentState from, IntentState to, Term term, String reason)
      throws SQLException {
    write(c, intent, from, to, term, reason, null, null);
  }

  /**
   * Moves one intent from {@code from} to {@code to}; refuses (throws) when its status in the
   * database is not {@code from}'s, so a stale view never overwrites a newer one.
   */
  private void write(
      Connection c,
      UUID intent,
      IntentState from,
      IntentState to,
      Term term,
      String reason,
      String msgCd,
      String message)
      throws SQLException {
    int sends = 0;
    Instant submitted = null;
    int checks = 0;
    Instant lastCheck = null;
    boolean submitting = false;
    switch (to) {
      case IntentState.Submitting s -> {
        sends = s.sends();
        submitted = s.submittedAt();
        submitting = true;
      }
      case IntentState.Unknown u -> {
        checks = u.emptyChecks();
        lastCheck = u.lastCheck().orElse(null);
      }
      default -> {}
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE trade.order_intents SET status = ?, updated_ts = now(),"
                + " send_count = CASE WHEN ? THEN ? ELSE send_count END,"
                + " submitted_ts = CASE WHEN ? THEN ? ELSE submitted_ts END,"
                + " submit_term = CASE WHEN ? THEN ? ELSE submit_term END,"
                + " empty_checks = ?, last_check_ts = ?,"
                + " status_reason = COALESCE(?, status_reason),"
                + " broker_msg_cd = COALESCE(?, broker_msg_cd),"
                + " broker_message = COALESCE(?, broker_message)"
                + " WHERE intent_id = ? AND status = ?")) {
      s.setString(1, to.status().name());
      s.setBoolean(2, submitting);
      s.setInt(3, sends);
      s.setBoolean(4, submitting);
      s.setTimestamp(5, submitted == null ? null : Timestamp.from(submitted));
      s.setBoolean(6, submitting);
      s.setLong(7, term.number());
      s.setInt(8, checks);
      s.setTimestamp(9, lastCheck == null ? null : Timestamp.from(lastCheck));
      s.setString(10, reason);
      s.setString(11, msgCd);
      s.setString(12, message);
      s.setObject(13, intent);
      s.setString(14, from.status().name());
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException(
            "intent moved under execution [intent=" + intent + ", expected=" + from.status() + "]");
      }
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Term term, Work work) throws SQLException {
    try (Connection c = connection()) {
      try {
        term.check(c);
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Connection connection() throws SQLException {
    Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
    c.setAutoCommit(false);
    return c;
  }

  private static IntentRow withState(IntentRow intent, IntentState state) {
    return new IntentRow(
        intent.intentId(),
        intent.symbol(),
        intent.side(),
        intent.type(),
        intent.quantity(),
        intent.priceType(),
        intent.limitPrice(),
        state);
  }
}
