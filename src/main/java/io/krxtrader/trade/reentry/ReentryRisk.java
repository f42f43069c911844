package io.krxtrader.trade.reentry;

import io.krxtrader.krx.Symbol;
import java.util.Optional;

/**
 * The risk check a re-entry passes before its ENTRY intent is written: the router's gate 2 (spec:
 * "subject to the router's gate 2"). Implemented by the shared risk gate; a test may pass {@link
 * #ALLOW_ALL}.
 */
@FunctionalInterface
public interface ReentryRisk {

  ReentryRisk ALLOW_ALL = (symbol, quantity, price) -> Optional.empty();

  /**
   * @return empty when the buy may go, else the reason it is denied (recorded; nothing is sent)
   */
  Optional<String> deny(Symbol symbol, long quantity, long price);
}
