package io.krxtrader.clock;

import java.time.Instant;

/**
 * Something the clock waits for before each step: the simulator's market, the WebSocket frames on
 * their way, a collector, a loader. Participants are asked in the order they joined, so a later one
 * may rely on an earlier one's work being done (the frames were received before the slots are
 * closed). The name appears in the progress line and the report ("limited by the tailer").
 */
public interface Participant {

  /** A short name for the progress line: "market", "websocket", "tailer". */
  String name();

  /**
   * Returns once every piece of this participant's work that is due at or before {@code now} is
   * done. Called by the stepping thread while the clock stands at {@code now}.
   */
  void finish(Instant now) throws InterruptedException;

  /** A participant from a name and a finishing action. */
  static Participant of(String name, Finisher finisher) {
    return new Participant() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void finish(Instant now) throws InterruptedException {
        finisher.finish(now);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** The finishing action of {@link #of}. */
  @FunctionalInterface
  interface Finisher {
    void finish(Instant now) throws InterruptedException;
  }
}
