package io.krxtrader.cli;

/** How a query prints its rows: an aligned table for people, JSON or CSV for programs. */
enum OutputFormat {
  TABLE,
  JSON,
  CSV
}
