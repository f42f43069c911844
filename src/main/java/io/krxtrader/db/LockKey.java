package io.krxtrader.db;

import java.util.Objects;

/**
 * One advisory lock: a space and a non-negative id within it (the id is an {@code oid} in {@code
 * pg_locks}, so negative numbers would show there as large unsigned ones).
 */
public record LockKey(LockSpace space, int id) {

  public LockKey {
    Objects.requireNonNull(space, "space");
    if (id < 0) {
      throw new IllegalArgumentException(
          "advisory lock id must not be negative [space=" + space + ", id=" + id + "]");
    }
  }

  @Override
  public String toString() {
    return space + "(" + space.number() + ", " + id + ")";
  }
}
