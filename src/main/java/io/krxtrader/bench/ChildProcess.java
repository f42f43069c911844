package io.krxtrader.bench;

import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a program to its end, timing it; its output goes to files, so it never blocks on a pipe. */
final class ChildProcess {

  /** What a run left: exit code, wall time, and its standard output. */
  record Run(int exitCode, double seconds, String out, Path log) {}

  private ChildProcess() {}

  static Run run(List<String> command, Map<String, String> environment, Path logDirectory) {
    try {
      Files.createDirectories(logDirectory);
      Path out = Files.createTempFile(logDirectory, "child-", ".out");
      Path err = Files.createTempFile(logDirectory, "child-", ".err");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      long start = System.nanoTime();
      Process process = builder.start();
      process.getOutputStream().close();
      int code = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Run(code, seconds, Files.readString(out, StandardCharsets.UTF_8), err);
    } catch (IOException e) {
      throw new KrxTraderException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted while running " + command.get(0), e);
    }
  }
}
