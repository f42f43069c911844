/**
 * The benchmarks behind {@code krx-trader bench}: each measures one speed target of the spec
 * against a reference measured in the same run, on a database of its own (never the user's data),
 * and prints the figures that BENCHMARKS.md records. The command line only parses their options
 * ({@code cli.Bench*Command}) and hands over a {@link io.krxtrader.bench.BenchContext}.
 */
package io.krxtrader.bench;
