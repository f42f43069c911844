package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.util.Map;

/**
 * A port: the symbols someone needs fresh prices for. trade (held, candidates, picks) and the
 * collectors (subscribed) implement it; PriceSync asks every registered list at each stale scan and
 * keeps the strongest reason per symbol. Called from PriceSync's scan thread: an implementation
 * returns a snapshot and must not block for long.
 */
@FunctionalInterface
public interface WatchList {

  Map<Symbol, WatchReason> watched();
}
