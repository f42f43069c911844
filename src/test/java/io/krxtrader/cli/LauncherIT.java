package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command as a newcomer types it: the {@code ./krx-trader} script, which finds a
 * Java 21+ runtime by itself (this machine's default {@code java} is 17) and runs the packaged jar.
 */
class LauncherIT {

  private static final Path PROJECT = Path.of(System.getProperty("krx.project.dir", "."));

  @TempDir Path home;

  private record Run(int exitCode, String out, String err) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PROJECT.resolve("krx-trader").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
    builder.environment().remove("JAVA_HOME");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  @Test
  void the_launcher_finds_java_21_or_newer_without_java_home() throws Exception {
    Run run = launch("--version");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("krx-trader ").containsPattern("Java (2[1-9]|[3-9]\\d)");
  }

  @Test
  void demo_twice_shows_the_data_directory_reused() throws Exception {
    Run first = launch(demoArguments());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("(new: created by this run)");
    Run second = launch(demoArguments());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("(reused: it holds the data of earlier runs)");
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
