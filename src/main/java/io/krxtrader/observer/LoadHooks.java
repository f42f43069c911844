package io.krxtrader.observer;

/**
 * Points where tests inject a crash into a load: just before a chunk's transaction commits and just
 * after. Production code uses {@link #NONE}.
 */
interface LoadHooks {

  LoadHooks NONE = new LoadHooks() {};

  /** Runs inside the chunk's transaction, after every write, before the commit. */
  default void beforeCommit(Chunk chunk) {}

  /**
   * Runs just after the commit returned, still inside the chunk's attempt: a test throws here to
   * lose the commit's answer, as a dropped connection would.
   */
  default void commitReturned(Chunk chunk) {}

  /** Runs after the chunk's transaction committed. */
  default void afterCommit(Chunk chunk) {}
}
