package io.krxtrader.observer;

/**
 * How one ingest or back-fill runs.
 *
 * @param parallelism files loaded at once (1 to {@value ObserverConfig#MAX_PARALLELISM})
 * @param bars whether scalp chunks also merge the 1-minute bars of the minutes they touch (the
 *     default; without, the bars wait for {@code aggregate})
 */
public record LoadOptions(int parallelism, boolean bars) {

  public LoadOptions {
    if (parallelism < 1 || parallelism > ObserverConfig.MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism must be 1 to "
              + ObserverConfig.MAX_PARALLELISM
              + " [value="
              + parallelism
              + "]");
    }
  }
}
