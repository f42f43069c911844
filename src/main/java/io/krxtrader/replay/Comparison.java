package io.krxtrader.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between what happened live and what a replay decided: each fired signal only one
 * side has (by time, position, rule and price), and each intent by action key that only one side
 * has or whose type, quantity, price type or limit differ. Empty means identical.
 */
public final class Comparison {

  private Comparison() {}

  /** One line per difference, sorted; empty when the two are identical. */
  public static List<String> differences(ReplayResult live, ReplayResult replay) {
    List<String> out = new ArrayList<>();
    Map<String, Integer> counts = new TreeMap<>();
    live.signals().forEach(s -> counts.merge(s.line(), 1, Integer::sum));
    replay.signals().forEach(s -> counts.merge(s.line(), -1, Integer::sum));
    counts.forEach(
        (line, n) -> {
          for (int i = 0; i < Math.abs(n); i++) {
            out.add((n > 0 ? "only live:   " : "only replay: ") + line);
          }
        });
    Map<String, String> liveIntents = new HashMap<>();
    live.intents().forEach(i -> liveIntents.put(i.actionKey(), i.fields()));
    Map<String, String> replayIntents = new HashMap<>();
    replay.intents().forEach(i -> replayIntents.put(i.actionKey(), i.fields()));
    TreeSet<String> keys = new TreeSet<>(liveIntents.keySet());
    keys.addAll(replayIntents.keySet());
    for (String key : keys) {
      String l = liveIntents.get(key);
      String r = replayIntents.get(key);
      if (r == null) {
        out.add("only live:   INTENT " + key + " " + l);
      } else if (l == null) {
        out.add("only replay: INTENT " + key + " " + r);
      } else if (!l.equals(r)) {
        out.add("differs:     INTENT " + key + " live " + l + ", replay " + r);
      }
    }
    return out;
  }
}
