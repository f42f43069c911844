package io.krxtrader.portfolio;

import java.util.Locale;

/** How often a policy's snapshot is taken (and its drift checked): {@code rebalance_freq}. */
public enum RebalanceFrequency {
  DAILY,
  WEEKLY,
  MONTHLY;

  /** The value stored in {@code portfolio_policy.rebalance_freq}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RebalanceFrequency of(String code) {
    for (RebalanceFrequency frequency : values()) {
      if (frequency.code().equalsIgnoreCase(code)) {
        return frequency;
      }
    }
    throw new IllegalArgumentException(
        "a rebalance frequency is daily, weekly or monthly [value=" + code + "]");
  }
}
