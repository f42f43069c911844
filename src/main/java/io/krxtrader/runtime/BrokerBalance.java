package io.krxtrader.runtime;

import io.krxtrader.kis.Balance;
import io.krxtrader.trade.risk.AccountBalance;
import io.krxtrader.trade.risk.BalanceSource;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk gate's balance from the broker's own account (read by {@link #refresh}, which a module
 * loop calls every minute): equity is the account's total value, orderable cash its D+2 cash less
 * what open entry intents may still spend. A fresh {@code run} can then enter before the
 * portfolio's first snapshot; before the first successful read, or when the latest portfolio
 * snapshot is newer, the snapshot answers ({@link LatestSnapshotBalance}).
 */
final class BrokerBalance implements BalanceSource {

  private static final Logger log = LoggerFactory.getLogger(BrokerBalance.class);

  private final Supplier<Balance> broker;
  private final InstantSource clock;
  private final LatestSnapshotBalance snapshots = new LatestSnapshotBalance();
  private final AtomicReference<AccountBalance> read = new AtomicReference<>();

  BrokerBalance(Supplier<Balance> broker, InstantSource clock) {
    this.broker = broker;
    this.clock = clock;
  }

  /** Reads the broker's balance; a failed read keeps the last one (and says so in the log). */
  void refresh() {
    Instant at = clock.instant();
    try {
      Balance balance = broker.get();
      read.set(new AccountBalance(balance.totalValue(), balance.cashSettled(), at));
    } catch (RuntimeException e) {
      log.warn("could not read the broker's balance, the last one stands: {}", e.toString());
    }
  }

  @Override
  public Optional<AccountBalance> latest(Connection connection) throws SQLException {
    Optional<AccountBalance> snapshot = snapshots.latest(connection);
    AccountBalance fromBroker = read.get();
    if (fromBroker == null
        || (snapshot.isPresent() && snapshot.get().asOf().isAfter(fromBroker.asOf()))) {
      return snapshot;
    }
    long reserved = LatestSnapshotBalance.reservedByOpenEntries(connection);
    return Optional.of(
        new AccountBalance(
            fromBroker.equity(), fromBroker.orderableCash() - reserved, fromBroker.asOf()));
  }
}
