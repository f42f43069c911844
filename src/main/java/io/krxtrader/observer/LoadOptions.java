package io.krxtrader.observer;

/**
 * How one ingest or back-fill runs.
 *
 * @param parallelism files loaded at once (1 to {@value ObserverConfig#MAX_PARALLELISM})
 * @param barMode when the touched minutes' 1-minute bars are computed
 */
public record LoadOptions(int parallelism, BarMode barMode) {

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
