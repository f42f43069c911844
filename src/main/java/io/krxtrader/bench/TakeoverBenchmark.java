package io.krxtrader.bench;

import io.krxtrader.KrxTraderException;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

public final class TakeoverBenchmark {
  /**
   * What the command line asked for.
   *
   * @param child null, except in a child JVM: the instance it contends as
   */
  public record Settings(int kills, Duration tick, String child) {}

  private final BenchContext context;
  private final Settings settings;

  public TakeoverBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  private static final String DATABASE = "krx_bench_takeover";
  private static final LeaderName LEADER = LeaderName.EXECUTION;

  /** Measures; or, in a child JVM ({@code child} set), contends as that instance. */
  public int run() throws Exception {
    if (settings.child() != null) {
      return contend();
    }
    List<Double> seconds = new ArrayList<>();
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "krx-bench-takeover");
    try (BenchDatabase bench = BenchDatabase.recreate(context, DATABASE)) {
      Contender leader = start(bench, home, "c0");
      leader.await("LEADING ");
      Contender standby = start(bench, home, "c1");
      standby.await("STANDBY");
      for (int kill = 1; kill <= settings.kills(); kill++) {
        leader.process.destroyForcibly();
        long killed = System.nanoTime();
        standby.await("LEADING ");
        double took = (System.nanoTime() - killed) / 1e9;
        seconds.add(took);
        context.out().printf("kill %2d: new term after %.3f s%n", kill, took);
        context.out().flush();
        leader.process.waitFor();
        leader = standby;
        standby = start(bench, home, "c" + (kill + 1));
        standby.await("STANDBY");
      }
      leader.process.destroyForcibly();
      standby.process.destroyForcibly();
    }
    double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    context
        .out()
        .printf(
            "take-over after kill -9 (tick %s, %d kills): median %.3f s, max %.3f s%n",
            settings.tick(), seconds.size(), Percentiles.median(seconds), max);
    context.out().flush();
    return 0;
  }

  /** The child: contends for the leader, printing STANDBY once and LEADING n per new term. */
  private int contend() throws InterruptedException {
    try (Leadership leadership =
        Leadership.elect(context.database().get(), LEADER, settings.child(), context.clock())) {
      boolean saidStandby = false;
      long lastTerm = 0;
      while (true) {
        Leadership.State state = leadership.tick();
        if (state instanceof Leadership.Leading leading && leading.term().number() != lastTerm) {
          lastTerm = leading.term().number();
          say("LEADING " + lastTerm);
        } else if (!saidStandby && !(state instanceof Leadership.Leading)) {
          saidStandby = true;
          say("STANDBY");
        }
        Thread.sleep(settings.tick());
      }
    }
  }

  private void say(String line) {
    context.out().println(line);
    context.out().flush();
  }

  private record Contender(Process process, BlockingQueue<String> lines) {

    void await(String prefix) throws InterruptedException {
      while (true) {
        String line = lines.poll(2, TimeUnit.MINUTES);
        if (line == null) {
          throw new KrxTraderException("a contender did not print " + prefix + " in 2 minutes");
        }
        if (line.startsWith(prefix)) {
          return;
        }
      }
    }
  }

  private Contender start(BenchDatabase bench, Path home, String instance) throws IOException {
    List<String> arguments =
        List.of(
            "bench",
            "takeover",
            "--child",
            instance,
            "--tick",
            settings.tick().toMillis() + "ms",
            "--db-url",
            bench.url(),
            "--set",
            "db.user=" + bench.user(),
            "--home",
            home.toString());
    ProcessBuilder builder =
        new ProcessBuilder(context.selfCommand().of(List.of("-Xmx128m"), arguments))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> environment = new HashMap<>();
    bench.password().ifPresent(p -> environment.put("KRX_DB_PASSWORD", p.reveal()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child is gone
              }
            });
    return new Contender(process, lines);
  }
}
