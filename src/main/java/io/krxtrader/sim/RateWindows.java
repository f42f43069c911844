package io.krxtrader.sim;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * KIS's per-app-key REST limit: at most {@code limit} calls in each wall-clock second window; the
 * rest get EGW00201. Counts of accepted calls per window are kept so tests can check what the
 * client actually achieved. Wall time, not simulated time: the limit protects a real server.
 */
final class RateWindows {

  private final InstantSource wall;
  private final int limit;
  private final Map<String, TreeMap<Long, Integer>> accepted = new HashMap<>();
  private final Map<String, Integer> rejected = new HashMap<>();

  RateWindows(InstantSource wall, int limit) {
    this.wall = wall;
    this.limit = limit;
  }

  synchronized boolean tryAcquire(String appKey) {
    Instant now = wall.instant();
    long window = now.getEpochSecond();
    TreeMap<Long, Integer> counts = accepted.computeIfAbsent(appKey, k -> new TreeMap<>());
    int used = counts.getOrDefault(window, 0);
    if (used >= limit) {
      rejected.merge(appKey, 1, Integer::sum);
      return false;
    }
    counts.put(window, used + 1);
    while (counts.size() > 3_600) {
      counts.pollFirstEntry();
    }
    return true;
  }

  synchronized Map<Long, Integer> acceptedPerSecond(String appKey) {
    return new TreeMap<>(accepted.getOrDefault(appKey, new TreeMap<>()));
  }

  synchronized int rejectedCount(String appKey) {
    return rejected.getOrDefault(appKey, 0);
  }
}
