package io.krxtrader.bench;

import io.krxtrader.ByteSize;
import io.krxtrader.KrxTraderException;
import io.krxtrader.db.DayPartitions;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SampleDataSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class IngestBenchmark {
  /**
   * What the command line asked for.
   *
   * @param parallel files loaded at once; null: the observer's configured parallelism
   * @param data where the data set is kept between runs; null: under the home directory
   */
  public record Settings(
      int days, int symbols, int runs, Integer parallel, String heap, Path data) {}

  private final BenchContext context;
  private final Settings settings;

  public IngestBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  private static final String DATABASE = "krx_bench_ingest";

  public int run() {
    PrintWriter out = context.out();
    Path root =
        settings.data() != null
            ? settings.data()
            : context.home().resolve("bench").resolve("ingest");
    Path jsonl =
        BenchData.ensure(
            new SampleDataSpec(
                settings.days(),
                settings.symbols(),
                settings.days(),
                root.resolve("jsonl"),
                42,
                SampleDataSpec.DEFAULT_START),
            out);
    Path scalp = jsonl.resolve("scalp");
    List<Path> files;
    try (var list = Files.list(scalp)) {
      files = list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path csv = root.resolve("scalp.csv");
    long rows;
    if (!Files.exists(csv)) {
      rows = Observer.writeScalpCsv(files, csv);
    } else {
      rows = lines(csv);
    }
    int atOnce =
        settings.parallel() != null ? settings.parallel() : context.observer().parallelism();
    out.printf(
        Locale.ROOT,
        "%,d rows in %d scalp files (%s), CSV %s; back-fill: %d files at once, -Xmx%s%n",
        rows,
        files.size(),
        ByteSize.format(size(files)),
        ByteSize.format(size(List.of(csv))),
        atOnce,
        settings.heap());
    out.printf(
        "machine: %d cores, load average before %s%n",
        Runtime.getRuntime().availableProcessors(), BenchData.loadAverage());
    out.flush();

    List<Double> reference = new ArrayList<>();
    List<Double> backfill = new ArrayList<>();
    List<Double> backfillInside = new ArrayList<>();
    try (BenchDatabase bench = BenchDatabase.recreate(context, DATABASE)) {
      LocalDate first = SampleDataSpec.DEFAULT_START.minusDays(1);
      DayPartitions.ensure(
          bench.database().admin(),
          "observer.scalp_ticks",
          first,
          first.plusDays(settings.days() * 2L + 10));
      for (int run = 1; run <= settings.runs(); run++) {
        bench.reset();
        double a = psqlCopy(bench, csv, root);
        check(bench, rows, "psql");
        reference.add(rows / a);
        bench.reset();
        double[] b = childBackfill(bench, scalp, root, atOnce);
        check(bench, rows, "back-fill");
        backfill.add(rows / b[0]);
        backfillInside.add(rows / b[1]);
        out.printf(
            Locale.ROOT,
            "run %d: psql \\copy %,.0f rows/s (%.1f s) | back-fill %,.0f rows/s (%.1f s;"
                + " %,.0f rows/s inside the JVM) | ratio %.2f | load average %s%n",
            run,
            rows / a,
            a,
            rows / b[0],
            b[0],
            rows / b[1],
            (rows / b[0]) / (rows / a),
            BenchData.loadAverage());
        out.flush();
      }
      double medianA = Percentiles.median(reference);
      double medianB = Percentiles.median(backfill);
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < reference.size(); i++) {
        ratios.add(backfill.get(i) / reference.get(i));
      }
      out.println();
      out.printf(
          Locale.ROOT,
          "| psql \\copy (a) | back-fill (b) | b inside its JVM | b/a (medians) | b/a (median of"
              + " runs) |%n|---|---|---|---|---|%n| %,.0f rows/s | %,.0f rows/s | %,.0f rows/s |"
              + " %.2f | %.2f |%n",
          medianA,
          medianB,
          Percentiles.median(backfillInside),
          medianB / medianA,
          Percentiles.median(ratios));
      out.printf("load average after %s%n", BenchData.loadAverage());
      out.println(
          medianB / medianA >= 0.8
              ? "target b/a >= 0.8: met"
              : "target b/a >= 0.8: NOT met on this run");
      out.flush();
    }
    return 0;
  }

  private static void check(BenchDatabase bench, long rows, String side) {
    long loaded = bench.count("SELECT count(*) FROM observer.scalp_ticks");
    if (loaded != rows) {
      throw new KrxTraderException(
          "a benchmark run loaded the wrong number of rows [side="
              + side
              + ", expected="
              + rows
              + ", loaded="
              + loaded
              + "]");
    }
  }

  private double psqlCopy(BenchDatabase bench, Path csv, Path logs) {
    List<String> command =
        List.of(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            bench.host(),
            "-p",
            Integer.toString(bench.port()),
            "-U",
            bench.user(),
            "-d",
            bench.name(),
            "-c",
            "\\copy observer.scalp_ticks ("
                + Observer.SCALP_COPY_COLUMNS
                + ") FROM '"
                + csv.toAbsolutePath()
                + "' WITH (FORMAT csv)");
    Map<String, String> environment = new HashMap<>();
    bench.password().ifPresent(p -> environment.put("PGPASSWORD", p.reveal()));
    ChildProcess.Run run = ChildProcess.run(command, environment, logs.resolve("logs"));
    if (run.exitCode() != 0) {
      throw new KrxTraderException(
          "psql failed (is postgresql-client installed?) [exitCode="
              + run.exitCode()
              + ", log="
              + run.log()
              + "]");
    }
    return run.seconds();
  }

  /** Wall seconds of the child and the load seconds it reported. */
  private double[] childBackfill(BenchDatabase bench, Path scalp, Path logs, int files) {
    BenchDatabase.Backfill backfill =
        bench.backfill(
            scalp,
            settings.heap(),
            context.home(),
            List.of("--parallel", Integer.toString(files)),
            logs.resolve("logs"));
    return new double[] {
      backfill.run().seconds(), backfill.summary().get("load_seconds").asDouble()
    };
  }

  private static long size(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  private static long lines(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
