package io.krxtrader.trade.risk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the risk gate gets the latest balance; empty when none is known (the gate then fails with
 * NO_BALANCE). {@link LatestSnapshotBalance} reads it from the database; execution's balance
 * reading may replace it when it lands.
 */
public interface BalanceSource {
  Optional<AccountBalance> latest(Connection connection) throws SQLException;
}
