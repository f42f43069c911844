package io.krxtrader.trade.reentry;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.system.StaleTermException;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-entry engine: {@link #scan} makes candidates of positions closed by a qualifying full
 * exit, then evaluates every COOLDOWN or WATCHING candidate on its symbol's fresh best price with
 * {@link ReentryRules}. Each change is one transaction: the candidate row (locked and checked as
 * read), the ENTRY intent when one is decided (through {@link OrderIntents}, which checks the
 * term), and the re-entry leader's term. A caller runs {@link #scan} about once a second, in the
 * one process that leads {@code reentry}.
 */
public final class ReentryEngine {

  private static final Logger log = LoggerFactory.getLogger(ReentryEngine.class);

  private final DataSource dataSource;
  private final ReentryRules rules;
  private final ReentryConfig config;
  private final InstantSource clock;
  private final Leadership leadership;
  private final EntriesHalted halted;
  private final ReentryRisk risk;
  private final ReentryStore store = new ReentryStore();

  /** What one scan did. */
  public record Scan(int created, int changed, int ordered) {}

  public ReentryEngine(
      Database db,
      ReentryConfig config,
      TradingCalendar calendar,
      InstantSource clock,
      Leadership leadership,
      EntriesHalted halted,
      ReentryRisk risk) {
    this.dataSource = db.dataSource(ModuleRole.REENTRY);
    this.rules = new ReentryRules(config, calendar);
    this.config = config;
    this.clock = clock;
    this.leadership = leadership;
    this.halted = halted;
    this.risk = risk;
  }

  public Scan scan() throws SQLException {
    Optional<Term> term = leadership.term();
    if (term.isEmpty() || !leadership.isLeading()) {
      return new Scan(0, 0, 0);
    }
    Instant now = clock.instant();
    int created = 0;
    int changed = 0;
    int ordered = 0;
    try (Connection connection = dataSource.getConnection()) {
      for (ReentryStore.Stopped stopped : store.stopped(connection)) {
        Optional<Candidate> candidate =
            rules.afterExit(
                UUID.randomUUID(),
                stopped.symbol(),
                stopped.positionId(),
                stopped.originalQuantity(),
                stopped.rule(),
                stopped.exitTs(),
                stopped.exitPrice());
        if (candidate.isPresent()
            && write(connection, term.get(), c -> store.insert(c, candidate.get(), now))) {
          created++;
        }
      }
      for (Candidate candidate : store.live(connection)) {
        OptionalLong price = freshPrice(connection, candidate, now);
        ReentryDecision decision = rules.evaluate(candidate, price, now, halted, risk);
        // a halt or a denial is written every scan while it lasts (its note says why)
        if (decision.next().equals(candidate)
            && decision.order().isEmpty()
            && decision.note().isEmpty()) {
          continue;
        }
        boolean done =
            write(
                connection,
                term.get(),
                c -> {
                  if (!store.unchanged(c, candidate)) {
                    return false;
                  }
                  if (decision.order().isPresent()) {
                    ReentryDecision.EntryOrder order = decision.order().get();
                    OrderIntent intent =
                        OrderIntent.limit(
                                candidate.symbol(),
                                OrderSide.BUY,
                                IntentType.ENTRY,
                                order.quantity(),
                                order.limitPrice(),
                                "REENTRY",
                                order.actionKey())
                            .forCandidate(candidate.candidateId());
                    OrderIntents.insert(c, intent, term.get());
                  }
                  store.update(c, decision.next(), decision.note(), now);
                  return true;
                });
        if (done) {
          changed++;
          if (decision.order().isPresent()) {
            ordered++;
          }
        }
      }
    }
    return new Scan(created, changed, ordered);
  }

  private OptionalLong freshPrice(Connection connection, Candidate candidate, Instant now)
      throws SQLException {
    Optional<ReentryStore.Best> best = store.best(connection, candidate.symbol());
    if (best.isEmpty()
        || best.get().stale()
        || best.get().qualityScore() < config.minQuality()
        || Duration.between(best.get().ts(), now).compareTo(config.maxPriceAge()) > 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(best.get().price());
  }

  @FunctionalInterface
  private interface Write {
    boolean apply(Connection connection) throws SQLException;
  }

  /** One transaction with the term checked first; false (rolled back) when nothing was written. */
  private boolean write(Connection connection, Term term, Write write) throws SQLException {
    connection.setAutoCommit(false);
    try {
      term.check(connection);
      boolean wrote = write.apply(connection);
      if (wrote) {
        connection.commit();
      } else {
        connection.rollback();
      }
      return wrote;
    } catch (StaleTermException e) {
      connection.rollback();
      log.warn("re-entry write refused: the leader's term is over [term={}]", term.number());
      return false;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
