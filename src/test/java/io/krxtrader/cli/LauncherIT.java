package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command as a newcomer types it: the {@code ./krx-trader} script, which finds a
 * Java 21+ runtime by itself (this machine's default {@code java} is 17) and runs the packaged jar.
 */
class LauncherIT {

  private static final Path PROJECT = Path.of(System.getProperty("krx.project.dir", "."));

  @TempDir Path home;

  @TempDir Path logs;

  private record Run(int exitCode, String out, String err) {}

  /**
   * Runs the launcher with its output in files (a full pipe never blocks it); a launcher still
   * running after five minutes is hung, and is killed with what it builds or runs.
   */
  private Run launch(String... args) throws IOException, InterruptedException {
    return launch(Map.of(), args);
  }

  private Run launch(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PROJECT.resolve("krx-trader").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(logs, "launcher-", ".out");
    Path err = Files.createTempFile(logs, "launcher-", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
    builder.environment().remove("JAVA_HOME");
    builder.environment().putAll(environment);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
      fail(
          "the launcher had not finished after 5 minutes and was killed [command="
              + String.join(" ", command)
              + ", stderr="
              + Files.readString(err, StandardCharsets.UTF_8)
              + "]");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void the_launcher_finds_java_21_or_newer_without_java_home() throws Exception {
    Run run = launch("--version");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("krx-trader ").containsPattern("Java (2[1-9]|[3-9]\\d)");
  }

  @Test
  void demo_twice_shows_the_data_directory_reused_and_leaves_no_temporary_directory(
      @TempDir Path temporary) throws Exception {
    Map<String, String> environment =
        Map.of("KRX_JAVA_OPTS", "-Djava.io.tmpdir=" + temporary.toAbsolutePath());
    Run first = launch(environment, demoArguments());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("(new: created by this run)");
    Run second = launch(environment, demoArguments());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("(reused: it holds the data of earlier runs)");
    try (Stream<Path> left = Files.list(temporary)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("krx-simulated-day"));
    }
  }

  private String[] demoArguments() {
    List<String> args = new ArrayList<>(List.of("demo", "--home", home.toString()));
    args.addAll(List.of(MainIT.SHORT_DEMO));
    return args.toArray(String[]::new);
  }

  @Test
  void a_usage_error_is_one_line_and_exit_code_two() throws Exception {
    Run run = launch("db", "explode");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
  }
}
