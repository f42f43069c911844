package io.krxtrader.market;

import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * A fake quote source at the edge that records every fetch in {@code public.fetch_log} with the
 * database server's clock, so fetches in different processes can be compared on one time line.
 */
final class FetchLog implements QuoteSource {

  static final String CREATE =
      """
      CREATE TABLE IF NOT EXISTS public.fetch_log (
          id      BIGSERIAL PRIMARY KEY,
          symbol  TEXT NOT NULL,
          source  TEXT NOT NULL,
          process TEXT NOT NULL,
          started TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
          ended   TIMESTAMPTZ)
      """;

  /** Pairs of fetches of one (symbol, source) whose time spans overlap. */
  static final String OVERLAPS =
      """
      SELECT count(*) FROM public.fetch_log a JOIN public.fetch_log b
          ON a.symbol = b.symbol AND a.source = b.source AND a.id < b.id
         AND a.started < coalesce(b.ended, 'infinity') AND b.started < coalesce(a.ended, 'infinity')
      """;

  private final Jdbi admin;
  private final String process;

  FetchLog(Database database, String process) {
    this.admin = Jdbi.create(database.admin());
    this.process = process;
  }

  @Override
  public PriceEvent fetch(Symbol symbol, PriceSource source) {
    long id =
        admin.withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO public.fetch_log (symbol, source, process) VALUES (?, ?, ?)"
                            + " RETURNING id")
                    .bind(0, symbol.code())
                    .bind(1, source.name())
                    .bind(2, process)
                    .mapTo(Long.class)
                    .one());
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.useHandle(
        h -> h.execute("UPDATE public.fetch_log SET ended = clock_timestamp() WHERE id = ?", id));
    return PriceEvent.of(symbol, source, Instant.now(), 10_000);
  }

  /** A sink that takes everything and writes nothing (the queue is under test, not the writer). */
  static final PriceSink DISCARD =
      new PriceSink() {
        @Override
        public boolean accept(PriceEvent event) {
          return true;
        }

        @Override
        public void webSocketConnected(boolean connected) {}
      };

  /** Runs a worker until the queue has been empty for a while. */
  static void drain(SyncWorker worker) throws InterruptedException {
    int idle = 0;
    while (idle < 5) {
      if (worker.runOnce() == 0) {
        idle++;
        Thread.sleep(20);
      } else {
        idle = 0;
      }
    }
  }
}
