package io.krxtrader.clock;

import java.util.concurrent.TimeUnit;

/**
 * The wall clock a {@link SteppedClock} keeps its speed ceiling by; real code uses {@link #SYSTEM},
 * the state-machine test a fake that only records what it was asked to sleep.
 */
public interface WallPacer {

  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  WallPacer SYSTEM =
      new WallPacer() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };
}
