package io.krxtrader.observer;

/** When a load computes the 1-minute bars of the minutes its ticks touched. */
public enum BarMode {
  /** After each file (the default: bars are current as soon as a file is in). */
  EACH_FILE,
  /** Once, after every file is loaded (a back-fill measuring its load alone). */
  AT_END,
  /** Not at all: the minutes stay queued for the next load or {@code aggregate}. */
  NONE
}
