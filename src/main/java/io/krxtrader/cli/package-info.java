/**
 * The {@code krx-trader} command line (picocli): parses options, loads and validates the
 * configuration once, wires the modules together and prints their results. Owns no tables.
 */
package io.krxtrader.cli;
