package io.krxtrader.observer;

/**
 * One data-quality rule and how many rows break it: any count above zero is a violation.
 *
 * @param table the table the rule is about
 * @param rule what a row breaking it looks like, in words
 */
public record QualityCheck(String table, String rule, long count) {

  public boolean violated() {
    return count > 0;
  }
}
