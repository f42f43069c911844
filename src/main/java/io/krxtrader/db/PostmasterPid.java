package io.krxtrader.db;

import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL's {@code postmaster.pid} lock file: line 1 is the server's process id, line 4 its
 * port, line 8 its status ({@code ready}, {@code starting}, {@code stopping}).
 */
record PostmasterPid(long pid, Path dataDirectory, int port, String status) {

  static Optional<PostmasterPid> read(Path dataDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new KrxTraderException(
          "cannot read postmaster.pid [dataDirectory=" + dataDirectory + "]", e);
    }
    if (lines.size() < 4) {
      // Written but not finished by a server that died while starting: no live process to find.
      return Optional.of(new PostmasterPid(-1, dataDirectory, 0, ""));
    }
    try {
      long pid = Long.parseLong(lines.get(0).strip());
      int port = Integer.parseInt(lines.get(3).strip());
      String status = lines.size() >= 8 ? lines.get(7).strip() : "";
      return Optional.of(new PostmasterPid(pid, dataDirectory, port, status));
    } catch (NumberFormatException e) {
      return Optional.of(new PostmasterPid(-1, dataDirectory, 0, ""));
    }
  }

  boolean ready() {
    return status.equals("ready");
  }

  /**
   * True if the process is alive and is a PostgreSQL server on this data directory. A live process
   * that is something else means the pid was reused after the server died.
   */
  boolean isLivePostgres() {
    if (pid <= 0) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return false;
    }
    ProcessHandle.Info info = handle.get().info();
    if (info.command().isEmpty()) {
      throw new KrxTraderException(
          "cannot tell whether the process named in postmaster.pid is PostgreSQL; stop it or"
              + " remove the file by hand [pid="
              + pid
              + ", dataDirectory="
              + dataDirectory
              + "]");
    }
    boolean postgres = info.command().get().endsWith("postgres");
    boolean ours =
        info.arguments()
            .map(args -> Arrays.asList(args).contains(dataDirectory.toString()))
            .orElse(true);
    return postgres && ours;
  }

  /** SIGINT: PostgreSQL's fast shutdown (roll back open transactions, checkpoint, exit). */
  void fastShutdown(Duration wait) {
    ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
    if (handle == null) {
      return;
    }
    signal("-INT");
    try {
      handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Last resort: the next start runs crash recovery, which is what it is for.
      handle.destroyForcibly();
      EmbeddedPostgresServer.sleep(Duration.ofSeconds(1));
    } catch (ExecutionException e) {
      throw new KrxTraderException("could not stop the leftover server [pid=" + pid + "]", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted stopping the leftover server [pid=" + pid + "]", e);
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new KrxTraderException("could not signal the leftover server [pid=" + pid + "]", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted signalling the leftover server", e);
    }
  }
}
