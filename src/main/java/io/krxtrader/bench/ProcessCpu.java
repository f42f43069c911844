package io.krxtrader.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far, for benchmarks on a shared machine: unlike wall-clock throughput, CPU per
 * event barely changes when other processes compete for the cores.
 */
final class ProcessCpu {

  /** Linux reports /proc/PID/stat times in clock ticks of 1/100 s on every common platform. */
  private static final long MICROS_PER_TICK = 10_000;

  private ProcessCpu() {}

  /** This JVM's CPU time in microseconds. */
  static long jvmMicros() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1_000;
    }
    return 0;
  }

  /** The calling thread's CPU time in microseconds. */
  static long threadMicros() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000;
  }

  /**
   * CPU time in microseconds of a PostgreSQL server and all its processes (from /proc; empty where
   * there is none). Backends that ended meanwhile are not counted: measure with a pool that keeps
   * its connections.
   */
  static Optional<Long> serverMicros(Path dataDirectory) {
    try {
      Path pidFile = dataDirectory.resolve("postmaster.pid");
      if (!Files.exists(Path.of("/proc/self/stat")) || !Files.exists(pidFile)) {
        return Optional.empty();
      }
      long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      Optional<ProcessHandle> server = ProcessHandle.of(postmaster);
      if (server.isEmpty()) {
        return Optional.empty();
      }
      long total = ticks(postmaster);
      try (Stream<ProcessHandle> children = server.get().descendants()) {
        for (ProcessHandle child : (Iterable<ProcessHandle>) children::iterator) {
          total += ticks(child.pid());
        }
      }
      return Optional.of(total * MICROS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name may contain spaces; fields after the closing parenthesis are fixed.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
