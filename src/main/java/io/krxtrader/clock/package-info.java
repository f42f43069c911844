/**
 * Simulated time that never outruns its participants, at the bottom of the package graph (it uses
 * nothing of krx-trader's). {@link io.krxtrader.clock.SteppedClock} is the entry type: an {@link
 * java.time.InstantSource} that moves from {@code t} to {@code t + step} only when the wall-clock
 * budget of the step has passed (speed is a ceiling) and every {@link
 * io.krxtrader.clock.Participant} has finished the work due up to {@code t}. A thread that waits
 * for simulated time is a {@link io.krxtrader.clock.Worker}: while it sleeps on the clock it holds
 * nothing up.
 */
package io.krxtrader.clock;
