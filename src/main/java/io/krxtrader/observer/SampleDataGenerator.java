package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes realistic collector output for {@code observer generate}: the default universe's real
 * codes, prices on the KRX tick grid inside each day's ±30 % limits (each day starts from the
 * previous day's close), the KST session calendar, 2 Hz ticks thinned by liquidity, 10-minute swing
 * snapshots and occasional gaps (see {@link TradingDaySimulation}). The same spec writes the same
 * bytes.
 */
final class SampleDataGenerator {

  private SampleDataGenerator() {}

  static SampleDataReport generate(SampleDataSpec spec) {
    Universe universe = Universe.defaultUniverse();
    if (spec.symbols() > universe.size()) {
      throw new KrxTraderException(
          "the universe has fewer symbols [requested="
              + spec.symbols()
              + ", available="
              + universe.size()
              + "]");
    }
    List<Stock> stocks = universe.first(spec.symbols()).stocks();
    TradingCalendar calendar = TradingCalendar.krx();
    long[] previousClose = stocks.stream().mapToLong(Stock::referencePrice).toArray();
    LocalDate first = calendar.tradingDayOnOrAfter(spec.startDate());
    LocalDate day = first;
    try (SampleFiles files = new SampleFiles(spec.out())) {
      for (int d = 0; d < spec.days(); d++) {
        if (d > 0) {
          day = calendar.nextTradingDay(day);
        }
        boolean scalp = d >= spec.days() - spec.scalpDays();
        previousClose =
            new TradingDaySimulation(
                    stocks, previousClose, calendar, day, spec.seed(), scalp, files)
                .run();
      }
      return new SampleDataReport(
          first,
          day,
          spec.days(),
          stocks.size(),
          files.files,
          files.ticks,
          files.swingRecords,
          files.gapRecords,
          files.bytes);
    } catch (IOException e) {
      throw new KrxTraderException("cannot write sample data [out=" + spec.out() + "]", e);
    }
  }
}
