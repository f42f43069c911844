package io.krxtrader.sim;

import java.util.Optional;

/**
 * A time-ordered stream of recorded trades and quotes that drives the simulator's prices in replay
 * mode. Implementations read whatever store holds the recording; ticks must come in non-decreasing
 * {@code eventTime} order (a tick that goes back in time is applied at the current time).
 */
public interface RecordedMarket extends AutoCloseable {

  /** The next tick, or empty at the end of the recording. */
  Optional<RecordedTick> next();

  @Override
  default void close() {}
}
