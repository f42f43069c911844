package io.krxtrader.trade.router;

import io.krxtrader.system.Leadership;
import io.krxtrader.system.StaleTermException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router running in a process: one thread that ticks the router's {@link Leadership} every 5 s
 * and, while leading, runs {@link Router#decideOnce()} every {@code router.decide-every}; and, when
 * given one, the watched folder every {@code router.inbox-every} (any process may take files: the
 * intake needs no leader). A failed pass is logged and the next one runs; a stale term ends nothing
 * but that pass (the next tick finds the claim lost and stands by).
 */
public final class RouterService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RouterService.class);
  private static final Duration TICK = Duration.ofSeconds(5);

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread thread = new Thread(r, "router");
            thread.setDaemon(true);
            return thread;
          });
  private final Leadership leadership;
  private final Router router;
  private final Optional<PicksInbox> inbox;

  private RouterService(Leadership leadership, Router router, Optional<PicksInbox> inbox) {
    this.leadership = leadership;
    this.router = router;
    this.inbox = inbox;
  }

  public static RouterService start(
      Leadership leadership, Router router, Optional<PicksInbox> inbox, RouterConfig config) {
    RouterService service = new RouterService(leadership, router, inbox);
    service.scheduler.scheduleWithFixedDelay(
        service::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    service.scheduler.scheduleWithFixedDelay(
        service::decide, 0, config.decideEvery().toMillis(), TimeUnit.MILLISECONDS);
    inbox.ifPresent(
        i ->
            service.scheduler.scheduleWithFixedDelay(
                service::scan, 0, config.inboxEvery().toMillis(), TimeUnit.MILLISECONDS));
    return service;
  }

  private void tick() {
    try {
      leadership.tick();
    } catch (RuntimeException e) {
      log.warn("router leadership tick failed: {}", e.toString());
    }
  }

  private void decide() {
    try {
      router.decideOnce();
    } catch (StaleTermException e) {
      log.warn("router term is over; standing by: {}", e.getMessage());
    } catch (Exception e) {
      log.warn("router decision pass failed, next pass continues: {}", e.toString());
    }
  }

  private void scan() {
    try {
      inbox.ifPresent(PicksInbox::scan);
    } catch (RuntimeException e) {
      log.warn("picks inbox scan failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
