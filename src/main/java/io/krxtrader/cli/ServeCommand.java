package io.krxtrader.cli;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "The operator surface alone: the dashboard at /, the JSON API under /api (described at",
      "/openapi.json) and Prometheus metrics at /metrics, on 127.0.0.1 unless web.host says",
      "otherwise. Actions (halt, resume, picks, plans, reconcile) need the bearer token, written",
      "at first start to <home>/web-token (owner-only). Runs until Ctrl-C."
    })
final class ServeCommand extends KrxCommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Listen on this port (default: web.port, 8470; 0 picks a free one).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 0 || port > 65535)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--port must be 0..65535 [value=" + port + "]");
    }
    WebSurface.start(context(), Optional.ofNullable(port), out());
    new CountDownLatch(1).await();
    return 0;
  }
}
