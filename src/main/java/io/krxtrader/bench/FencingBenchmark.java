package io.krxtrader.bench;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The cost of fencing: single-row intent inserts, each its own transaction, through {@link
 * OrderIntents#insert} (the term checked, its row share-locked to the commit) against the same
 * insert with no term check, on the router's pool. Rounds alternate the two so that whatever else
 * the machine does falls on both alike; the figure is the ratio of the medians of their rates.
 */
public final class FencingBenchmark {

  /** What the command line asked for: rounds of each kind, and inserts per round. */
  public record Settings(int rounds, int inserts) {}

  private static final String DATABASE = "krx_bench_fencing";

  /** The reference: the intent's columns with no term check (never used outside this bench). */
  private static final String UNFENCED =
      """
      INSERT INTO trade.order_intents
          (intent_id, symbol, side, intent_type, qty, order_type, reason_code, action_key, status,
           created_by)
      VALUES (?, ?, 'SELL', 'EXIT_FULL', ?, 'MKT', 'BENCH', ?, 'NEW', 'router')
      ON CONFLICT (action_key) DO NOTHING
      """;

  private final BenchContext context;
  private final Settings settings;

  public FencingBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  public int run() throws SQLException {
    List<Double> fenced = new ArrayList<>();
    List<Double> unfenced = new ArrayList<>();
    try (BenchDatabase bench = BenchDatabase.recreate(context, DATABASE);
        Leadership leadership =
            Leadership.elect(bench.database(), LeaderName.ROUTER, "bench", context.clock())) {
      Database db = bench.database();
      Term term =
          leadership.tick() instanceof Leadership.Leading leading
              ? leading.term()
              : failNotLeading();
      // one unmeasured round of each warms the pool, the plans and the JIT
      round(db, term, true);
      round(db, term, false);
      for (int r = 1; r <= settings.rounds(); r++) {
        double withTerm = round(db, term, true);
        double without = round(db, term, false);
        fenced.add(withTerm);
        unfenced.add(without);
        context
            .out()
            .printf(
                "round %2d: fenced %,8.0f inserts/s, unfenced %,8.0f inserts/s%n",
                r, withTerm, without);
        context.out().flush();
      }
      try (Connection c = db.admin().getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FILTER (WHERE leader_term = ?),"
                      + " count(*) FILTER (WHERE leader_term IS NULL) FROM trade.order_intents")) {
        s.setLong(1, term.number());
        try (ResultSet rows = s.executeQuery()) {
          rows.next();
          context
              .out()
              .printf(
                  "intents stored: %,d fenced (term %d), %,d unfenced%n",
                  rows.getLong(1), term.number(), rows.getLong(2));
        }
      }
    }
    double f = Percentiles.median(fenced);
    double u = Percentiles.median(unfenced);
    context
        .out()
        .printf(
            "single-row intent inserts, %d rounds of %,d each: fenced median %,.0f/s, unfenced"
                + " median %,.0f/s, ratio %.3f (target at least 0.9)%n",
            settings.rounds(), settings.inserts(), f, u, f / u);
    context.out().flush();
    return 0;
  }

  private static Term failNotLeading() {
    throw new IllegalStateException("the benchmark's own database has another router leader");
  }

  /** Inserts per second over one round of {@code settings.inserts()} transactions. */
  private double round(Database db, Term term, boolean fence) throws SQLException {
    Symbol symbol = Symbol.of("005930");
    try (Connection connection = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      for (int i = 0; i < settings.inserts(); i++) {
        String key = UUID.randomUUID().toString();
        if (fence) {
          OrderIntents.insert(
              connection,
              OrderIntent.market(symbol, OrderSide.SELL, IntentType.EXIT_FULL, 1, "BENCH", key),
              term);
        } else {
          try (PreparedStatement s = connection.prepareStatement(UNFENCED)) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, symbol.code());
            s.setLong(3, 1);
            s.setString(4, key);
            s.executeUpdate();
          }
        }
        connection.commit();
      }
      return settings.inserts() / ((System.nanoTime() - start) / 1e9);
    }
  }
}
