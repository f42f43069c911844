package io.krxtrader.observer.live;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live collectors collect and how often their files reach the database.
 *
 * @param scalpSymbols Track B's symbols (key {@code observer.scalp-symbols}, comma-separated;
 *     default the first 20 of the universe): trades and quotes of each take two of the 41
 *     registrations KIS allows a WebSocket session, so at most 20
 * @param swingSymbols Track A's symbols (key {@code observer.swing-symbols}; default all 131)
 * @param silentAfter how long a subscribed symbol may be silent during continuous trading before it
 *     is a {@code no_data} gap (key {@code observer.silent-after}, default 60 s)
 * @param tailEvery how often the tailer loads what the collectors appended (key {@code
 *     observer.tail-every}, default 250 ms)
 */
public record CollectorConfig(
    List<Symbol> scalpSymbols,
    List<Symbol> swingSymbols,
    Duration silentAfter,
    Duration tailEvery) {

  public static final String SCALP_SYMBOLS = "observer.scalp-symbols";
  public static final String SWING_SYMBOLS = "observer.swing-symbols";
  public static final String SILENT_AFTER = "observer.silent-after";
  public static final String TAIL_EVERY = "observer.tail-every";

  /** Two registrations (trades, quotes) per symbol within KIS's 41 per session. */
  public static final int MAX_SCALP_SYMBOLS = 20;

  public CollectorConfig {
    scalpSymbols = List.copyOf(scalpSymbols);
    swingSymbols = List.copyOf(swingSymbols);
    if (scalpSymbols.size() > MAX_SCALP_SYMBOLS) {
      throw new ConfigException(
          "too many Track B symbols for one KIS WebSocket session [key="
              + SCALP_SYMBOLS
              + ", count="
              + scalpSymbols.size()
              + ", expected=at most "
              + MAX_SCALP_SYMBOLS
              + " (two of the 41 registrations each)]");
    }
  }

  public static CollectorConfig from(Settings settings) {
    Universe universe = Universe.defaultUniverse();
    return new CollectorConfig(
        symbols(settings, SCALP_SYMBOLS, universe.first(MAX_SCALP_SYMBOLS).symbols()),
        symbols(settings, SWING_SYMBOLS, universe.symbols()),
        settings.duration(
            SILENT_AFTER, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1)),
        settings.duration(
            TAIL_EVERY, Duration.ofMillis(250), Duration.ofMillis(10), Duration.ofMinutes(1)));
  }

  private static List<Symbol> symbols(Settings settings, String key, List<Symbol> fallback) {
    return settings.optionalString(key).map(raw -> parse(key, raw)).orElse(fallback);
  }

  private static List<Symbol> parse(String key, String raw) {
    List<Symbol> symbols = new ArrayList<>();
    for (String part : raw.split(",")) {
      String code = part.strip();
      if (code.isEmpty()) {
        continue;
      }
      if (!Symbol.isValid(code)) {
        throw new ConfigException(
            "invalid configuration value [key="
                + key
                + ", value="
                + code
                + ", expected=six-character KRX codes separated by commas, e.g. 005930,000660]");
      }
      Symbol symbol = Symbol.of(code);
      if (!symbols.contains(symbol)) {
        symbols.add(symbol);
      }
    }
    return symbols;
  }

  public CollectorConfig withSymbols(List<Symbol> scalp, List<Symbol> swing) {
    return new CollectorConfig(scalp, swing, silentAfter, tailEvery);
  }
}
