package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

  @Test
  void the_pingpong_answer_limit_is_configurable_and_defaults_to_a_hundred_seconds() {
    assertThat(SimulatorConfig.from(Settings.of(Map.of())).pingAnswerLimit())
        .isEqualTo(Duration.ofSeconds(100));
    assertThat(
            SimulatorConfig.from(Settings.of(Map.of(SimulatorConfig.PING_ANSWER_LIMIT, "30s")))
                .pingAnswerLimit())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            SimulatorConfig.defaults().withPingAnswerLimit(Duration.ofSeconds(5)).pingAnswerLimit())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_pingpong_answer_limit_below_a_second_is_refused_naming_the_key() {
    assertThatThrownBy(
            () ->
                SimulatorConfig.from(Settings.of(Map.of(SimulatorConfig.PING_ANSWER_LIMIT, "0s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key=sim.ping-answer-limit");
    assertThatThrownBy(() -> SimulatorConfig.defaults().withPingAnswerLimit(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PINGPONG answer limit");
  }
}
