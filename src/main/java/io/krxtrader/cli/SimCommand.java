package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.kis.KisCredentials;
import io.krxtrader.sim.Simulator;
import io.krxtrader.sim.SimulatorConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code krx-trader sim}: the KIS-compatible simulator on its own, until Ctrl-C. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Run the KIS-compatible market simulator alone: REST, WebSocket and Naver polling servers",
      "on 127.0.0.1. Prints where it listens and a paper app key, secret and account it accepts."
    })
final class SimCommand extends KrxCommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "REST port (0: any free port); the WebSocket and Naver ports follow (+1, +2). Key: sim.port.")
  Integer port;

  @Option(
      names = "--ws-port",
      paramLabel = "PORT",
      description = "WebSocket port. Key: sim.ws-port.")
  Integer wsPort;

  @Option(
      names = "--naver-port",
      paramLabel = "PORT",
      description = "Naver polling port. Key: sim.naver-port.")
  Integer naverPort;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "paper (default) or real. Key: sim.mode.")
  SimulatorConfig.Mode mode;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      description =
          "Simulated seconds per real second, e.g. 60 runs a session in 6.5 minutes. Key: sim.speed.")
  Double speed;

  @Option(
      names = "--start",
      paramLabel = "KST",
      description = "Simulated start, e.g. 2026-11-23T08:55 (default: now). Key: sim.start.")
  String start;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the market model. Key: sim.seed.")
  Long seed;

  @Option(
      names = "--replay",
      paramLabel = "DIR",
      description = "Drive prices from Track B scalp JSONL files under DIR. Key: sim.replay.")
  String replay;

  @Option(
      names = "--run-for",
      paramLabel = "DURATION",
      description = "Stop after this long, up to 365d (default: until Ctrl-C), e.g. 30s.")
  Duration limit;

  @Override
  public Integer call() throws InterruptedException {
    if (limit != null && (limit.isNegative() || limit.compareTo(Duration.ofDays(365)) > 0)) {
      throw new ParameterException(
          spec.commandLine(), "--run-for must be from 0s to 365d [value=" + limit + "]");
    }
    override(SimulatorConfig.PORT, port);
    override(SimulatorConfig.WS_PORT, wsPort);
    override(SimulatorConfig.NAVER_PORT, naverPort);
    override(
        SimulatorConfig.MODE, mode == null ? null : mode.name().toLowerCase(java.util.Locale.ROOT));
    override(SimulatorConfig.SPEED, speed);
    override(SimulatorConfig.START, start);
    override(SimulatorConfig.SEED, seed);
    override(SimulatorConfig.REPLAY, replay);
    SimulatorConfig config = context().config().simulator();
    Simulator simulator = context().closeLater(Simulator.start(config));
    KisCredentials credentials = simulator.credentials();
    TextTable table = new TextTable("What", "Value");
    table.row("mode", config.paper() ? "paper (모의투자)" : "real");
    table.row("REST base URL", simulator.restUrl().toString());
    table.row("WebSocket URL", simulator.wsUrl().toString());
    table.row("Naver base URL", simulator.naverUrl().toString());
    table.row("app key", credentials.appKey().reveal());
    table.row("app secret", credentials.appSecret().reveal());
    table.row("account", credentials.account().cano() + "-" + credentials.account().productCode());
    table.row("HTS id", credentials.htsId().reveal());
    table.row("symbols", Integer.toString(config.universe().size()));
    table.row(
        "clock",
        simulator.clock().instant().atZone(io.krxtrader.krx.TradingCalendar.KST).toLocalDateTime()
            + " KST, speed "
            + simulator.clock().speed());
    table.print(out(), "");
    out().println();
    out()
        .println(
            "These are the simulator's own demonstration credentials, not KIS secrets. Press Ctrl-C to stop.");
    out().flush();
    CountDownLatch forever = new CountDownLatch(1);
    if (limit == null) {
      forever.await();
    } else {
      forever.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
    return 0;
  }
}
