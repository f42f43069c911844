package io.krxtrader.bench;

import io.krxtrader.ByteSize;
import io.krxtrader.DirectoryTree;
import io.krxtrader.KrxTraderException;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SampleDataReport;
import io.krxtrader.observer.SampleDataSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A benchmark's generated data set, kept between runs: regenerated only when its spec changed (a
 * file {@code spec.txt} next to it says which spec wrote it).
 */
final class BenchData {

  private BenchData() {}

  /** The data set's {@code jsonl} directory, generated if missing or made by another spec. */
  static Path ensure(SampleDataSpec spec, PrintWriter out) {
    Path root = spec.out().getParent();
    Path marker = root.resolve("spec.txt");
    String wanted =
        String.format(
            Locale.ROOT,
            "days=%d symbols=%d scalp-days=%d seed=%d start=%s%n",
            spec.days(),
            spec.symbols(),
            spec.scalpDays(),
            spec.seed(),
            spec.startDate());
    try {
      if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
        out.println("data set: " + spec.out() + " (reused)");
        return spec.out();
      }
      DirectoryTree.delete(root);
      Files.createDirectories(root);
      out.printf("data set: generating %s (%s)...%n", spec.out(), wanted.strip());
      out.flush();
      long started = System.nanoTime();
      SampleDataReport report = Observer.generateSampleData(spec);
      out.printf(
          Locale.ROOT,
          "data set: %,d ticks, %,d swing snapshots, %,d gaps, %s in %.0f s%n",
          report.ticks(),
          report.swingRecords(),
          report.gaps(),
          ByteSize.format(report.bytes()),
          (System.nanoTime() - started) / 1e9);
      Files.writeString(marker, wanted);
      return spec.out();
    } catch (IOException e) {
      throw new KrxTraderException("cannot prepare the benchmark data [dir=" + root + "]", e);
    }
  }

  /** The 1-minute load average, or "unknown": the machine is shared and this says how busy. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
