package io.krxtrader.market;

import java.util.List;

/**
 * Told after each committed batch: the events it held (in arrival order, repeats included) and the
 * best prices it wrote. Called on a writer thread; an implementation must be quick and must not
 * throw (a failure is logged and ignored). The exit engine will listen here for price changes.
 */
@FunctionalInterface
public interface BestPriceListener {

  BestPriceListener NONE = (events, bests) -> {};

  void committed(List<PriceEvent> events, List<BestPrice> bests);
}
