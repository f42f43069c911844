package io.krxtrader.observer;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The observer module's entry point: loading JSONL files into {@code observer.*} exactly once
 * (ingest, back-fill and, for a live tailer, {@link #loadFile} on a growing file: one code path),
 * 1-minute bars, the query API and the data-quality checks. Safe to share between threads; keep one
 * instance per process so that repeated loads of a growing file skip re-hashing what they loaded.
 */
public final class Observer {

  private final Database database;
  private final ObserverConfig config;
  private final FileLoader loader;
  private final MinuteBarRebuild bars;
  private final MarketDataQueries queries;

  public Observer(Database database, ObserverConfig config, InstantSource clock) {
    this(database, config, clock, LoadHooks.NONE);
  }

  Observer(Database database, ObserverConfig config, InstantSource clock, LoadHooks hooks) {
    this.database = database;
    this.config = config;
    this.loader =
        new FileLoader(
            database.dataSource(ModuleRole.OBSERVER),
            new IngestLedger(clock),
            config.loadSettings(),
            hooks);
    this.bars = new MinuteBarRebuild(database.dataSource(ModuleRole.OBSERVER));
    this.queries = new MarketDataQueries(database.jdbi(ModuleRole.OBSERVER), TradingCalendar.krx());
  }

  // ---- loading ------------------------------------------------------------------------------

  /** Loads the named files; their kind comes from their place unless {@code kind} is given. */
  public LoadSummary ingest(
      List<Path> files, Optional<RecordKind> kind, LoadOptions options, LoadListener listener) {
    List<SourceFile> sources =
        files.stream()
            .map(file -> file.toAbsolutePath().normalize())
            .distinct()
            .map(file -> JsonlFiles.named(file, kind))
            .collect(Collectors.toList());
    return bulk(options).run(sources, listener);
  }

  /** Loads every swing, scalp and gap file under {@code directory}, at any depth. */
  public LoadSummary backfill(Path directory, LoadOptions options, LoadListener listener) {
    return bulk(options).run(JsonlFiles.discover(directory), listener);
  }

  /** The files {@link #backfill} would load. */
  public List<SourceFile> discover(Path directory) {
    return JsonlFiles.discover(directory);
  }

  /**
   * Loads what is new in one file (verifying that its loaded part is unchanged) and computes the
   * bars it touched.
   */
  public FileOutcome loadFile(Path file, RecordKind kind) {
    return loadAndAggregate(file, kind, false);
  }

  /**
   * What a live tailer calls whenever its collector's file grew: {@link #loadFile} for a file that
   * only ever grows. A file this instance loaded before is checked only on its last bytes before
   * the committed offset, so each call reads just the new bytes. A file rewritten in place is not
   * detected here (the next {@link #loadFile}, {@code ingest} or {@code validate} detects it).
   */
  public FileOutcome loadAppended(Path file, RecordKind kind) {
    return loadAndAggregate(file, kind, true);
  }

  private FileOutcome loadAndAggregate(Path file, RecordKind kind, boolean appendOnly) {
    return loader.load(file, kind, appendOnly, true, LoadListener.NONE);
  }

  /**
   * Rebuilds the 1-minute bars of {@code range} (every tick when empty) from the ticks, of some
   * symbols or (empty) all; returns the bars written. Loads keep bars current themselves: this is
   * for ticks loaded without bars and for repairs.
   */
  public long aggregate(Optional<TimeRange> range, List<Symbol> symbols) {
    return bars.rebuild(range, symbols.stream().map(Symbol::code).toList());
  }

  private BulkLoad bulk(LoadOptions options) {
    return new BulkLoad(loader, options);
  }

  // ---- queries ------------------------------------------------------------------------------

  /** The newest bar (10-minute or 1-minute) of any symbol: the last moment collected. */
  public Optional<Instant> latestBarTime() {
    return queries.latestBarTime();
  }

  /** The latest 10-minute swing bars of a symbol, newest first (the seed's default is 100). */
  public List<SwingBar> latestSwingBars(Symbol symbol, int limit) {
    return queries.latestSwingBars(symbol, limit);
  }

  /** Swing bars of one or more symbols in a range, by symbol, newest first. */
  public List<SwingBar> swingBars(List<Symbol> symbols, TimeRange range, Optional<Integer> limit) {
    return queries.swingBars(symbols, range, limit);
  }

  /** The latest ticks of a symbol, newest first. */
  public List<ScalpTick> latestTicks(Symbol symbol, int limit) {
    return queries.latestTicks(symbol, limit);
  }

  /** Ticks of a symbol in a range (by event time), newest first. */
  public List<ScalpTick> ticks(Symbol symbol, TimeRange range, Optional<Integer> limit) {
    return queries.ticks(symbol, range, limit);
  }

  /** 1-minute bars in a range of some symbols (empty: all), optionally at or above a grade. */
  public List<MinuteBar> minuteBars(
      List<Symbol> symbols, TimeRange range, Optional<CoverageGrade> minimumGrade) {
    return queries.minuteBars(symbols, range, minimumGrade);
  }

  /** Gaps per scope (one, or every) that started on the KST days {@code first..last}. */
  public List<GapCount> gapCounts(Optional<String> scope, LocalDate first, LocalDate last) {
    return queries.gapCounts(scope, TimeRange.kstDays(first, last));
  }

  /**
   * Gaps of at least {@code minimum} (the configured {@code observer.critical-gap} when empty) that
   * started on the KST days {@code first..last}; with {@code sessionOnly} only those that overlap a
   * regular session.
   */
  public List<GapRecord> criticalGaps(
      LocalDate first, LocalDate last, Optional<Duration> minimum, boolean sessionOnly) {
    return queries.criticalGaps(
        TimeRange.kstDays(first, last), minimum.orElse(config.criticalGap()), sessionOnly);
  }

  /** Coverage per symbol (some, or all) and KST day. */
  public List<SymbolCoverage> coverage(List<Symbol> symbols, LocalDate first, LocalDate last) {
    return queries.coverage(symbols, first, last);
  }

  // ---- validation ---------------------------------------------------------------------------

  /**
   * The seed's data-quality checks over {@code range} (all data when empty) and every loaded file
   * against its table; with a data directory, also the files never loaded.
   */
  public ValidationReport validate(Optional<TimeRange> range, Optional<Path> dataDirectory) {
    return new DataQualityChecks(database.jdbi(ModuleRole.OBSERVER)).run(range, dataDirectory);
  }

  // ---- sample data --------------------------------------------------------------------------

  /** Writes realistic collector files (needs no database): tests, benchmarks and the demo. */
  public static SampleDataReport generateSampleData(SampleDataSpec spec) {
    return SampleDataGenerator.generate(spec);
  }

  /**
   * Writes the rows the loader would COPY from these scalp files as one CSV file, columns in {@link
   * #SCALP_COPY_COLUMNS} order (for a {@code psql \copy} reference in a benchmark); returns the
   * rows.
   */
  public static long writeScalpCsv(List<Path> scalpFiles, Path csv) {
    return ScalpCsv.write(scalpFiles, csv);
  }

  /** The columns a scalp load writes, in COPY order. */
  public static final String SCALP_COPY_COLUMNS = ScalpLineParser.COLUMNS;
}
