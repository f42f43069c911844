package io.krxtrader.trade.router;

/**
 * How the picks of several producers on one day and symbol become one decision ({@code
 * trade.pick_decisions.method}), always over the picks that passed gate 1.
 *
 * <ul>
 *   <li>PRIORITY: the pick of the highest-priority producer decides (ties: the higher score, then
 *       the lower producer id); its score is the final score.
 *   <li>WEIGHTED: the weighted mean of the scores (producers' weights); enter when it is at least
 *       {@code router.weighted-threshold} (60). The deciding pick is the one with the largest
 *       weight × score.
 *   <li>CONSENSUS: at least {@code router.consensus-min} (2) producers; the final score is the
 *       mean. The deciding pick is the highest-priority producer's.
 * </ul>
 */
public enum MergeMethod {
  PRIORITY,
  WEIGHTED,
  CONSENSUS
}
