package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A leader whose network is cut (no reset: the packets just stop) loses its term at the next
 * heartbeat, within its socket timeout, instead of hanging until TCP gives up (hours).
 */
class LeadershipNetworkIT {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z"));

  /** Separate thread: without the socket timeout the hung heartbeat also blocks close(). */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void a_heartbeat_over_a_cut_network_fails_and_the_standby_leads_once_the_socket_is_gone()
      throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(url);
    assertThat(m.matches()).as(url).isTrue();
    Optional<Secret> password = Optional.of(Secret.of(PostgresExtension.superuserPassword()));
    List<Leadership.Lost> losses = new CopyOnWriteArrayList<>();
    FreezingProxy proxy = new FreezingProxy(m.group(1), Integer.parseInt(m.group(2)));
    try (Database direct = Database.connect(url, "postgres", password);
        Database cut =
            Database.connect(
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3),
                "postgres",
                password)) {
      try (Leadership leader =
              Leadership.elect(
                  cut, LeaderName.TRACK_B, "cut", CLOCK, losses::add, Duration.ofSeconds(1));
          Leadership standby = Leadership.elect(direct, LeaderName.TRACK_B, "standby", CLOCK)) {
        assertThat(leader.isLeading()).isTrue();
        assertThat(standby.isLeading()).isFalse();
        assertThat(leader.tick()).isInstanceOf(Leadership.Leading.class);

        proxy.freeze();
        // Without a socket timeout this heartbeat waits for TCP keepalive: hours.
        Leadership.State state =
            CompletableFuture.supplyAsync(leader::tick).get(1, TimeUnit.MINUTES);
        assertThat(state).isInstanceOf(Leadership.Lost.class);
        assertThat(((Leadership.Lost) state).reason()).startsWith("heartbeat failed");
        assertThat(leader.isLeading()).isFalse();
        assertThat(losses).hasSize(1);

        // The server still holds the frozen session's lock until it sees the socket close.
        assertThat(standby.tick()).isInstanceOf(Leadership.Standby.class);
        proxy.close();
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> standby.tick() instanceof Leadership.Leading);
        assertThat(standby.term().orElseThrow().number())
            .isGreaterThan(losses.get(0).term().number());
      }
    } finally {
      proxy.close();
    }
  }
}
