package io.krxtrader.runtime;

import io.krxtrader.system.LeaderName;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The acting modules {@code run} can start, each with the leader it elects. */
public enum TradingModule {
  EXIT(LeaderName.EXIT),
  REENTRY(LeaderName.REENTRY),
  ROUTER(LeaderName.ROUTER),
  EXECUTION(LeaderName.EXECUTION),
  PORTFOLIO(LeaderName.PORTFOLIO);

  private final LeaderName leader;

  TradingModule(LeaderName leader) {
    this.leader = leader;
  }

  public LeaderName leader() {
    return leader;
  }

  /** The name on the command line ({@code run --modules exit,execution}). */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every module, in the order they start. */
  public static Set<TradingModule> all() {
    return EnumSet.allOf(TradingModule.class);
  }

  /**
   * The modules of a comma-separated list such as {@code exit,execution}.
   *
   * @throws IllegalArgumentException naming the first unknown name and every known one
   */
  public static Set<TradingModule> parse(String list) {
    Set<TradingModule> modules = EnumSet.noneOf(TradingModule.class);
    for (String part : list.split(",", -1)) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      TradingModule module =
          Arrays.stream(values())
              .filter(m -> m.displayName().equals(name))
              .findFirst()
              .orElse(null);
      if (module == null) {
        throw new IllegalArgumentException(
            "unknown module '"
                + part.strip()
                + "' (known: "
                + Arrays.stream(values())
                    .map(TradingModule::displayName)
                    .collect(Collectors.joining(", "))
                + ")");
      }
      modules.add(module);
    }
    return modules;
  }
}
