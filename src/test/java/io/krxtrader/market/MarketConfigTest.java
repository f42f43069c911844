package io.krxtrader.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketConfigTest {

  @Test
  void defaults_are_the_specs_numbers() {
    MarketConfig config = MarketConfig.defaults();
    assertThat(config.selection().maxAge(PriceSource.KIS_WS)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.selection().maxAge(PriceSource.KIS_REST)).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.selection().maxAge(PriceSource.NAVER)).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.selection().preferWithin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.quality().base(PriceSource.KIS_WS)).isEqualTo(100);
    assertThat(config.quality().base(PriceSource.KIS_REST)).isEqualTo(80);
    assertThat(config.quality().base(PriceSource.NAVER)).isEqualTo(60);
    assertThat(config.quality().grace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.quality().pointPer()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.quality().discrepancyPenalty()).isEqualTo(30);
    assertThat(config.quality().discrepancyPenaltyFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.staleness().staleAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.priorities().of(WatchReason.HELD)).isEqualTo(100);
    assertThat(config.priorities().of(WatchReason.CANDIDATE)).isEqualTo(50);
    assertThat(config.priorities().of(WatchReason.PICKED)).isEqualTo(50);
    assertThat(config.priorities().of(WatchReason.SUBSCRIBED)).isEqualTo(10);
    assertThat(config.discrepancies().window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.discrepancies().recordFromBp()).isEqualTo(50);
    assertThat(config.discrepancies().mediumFromBp()).isEqualTo(100);
    assertThat(config.discrepancies().highFromBp()).isEqualTo(200);
    assertThat(config.queue().maxAttempts()).isEqualTo(5);
    assertThat(config.queue().naverEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.queue().backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.queue().backoffMax()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.writer().threads()).isEqualTo(2);
    assertThat(config.writer().linger()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void every_value_can_be_set_by_its_key() {
    MarketConfig config =
        MarketConfig.from(
            Settings.of(
                Map.of(
                    MarketConfig.WS_MAX_AGE, "3s",
                    MarketConfig.NAVER_BASE, "50",
                    MarketConfig.STALE_AFTER, "2500ms",
                    MarketConfig.PRIORITY_HELD, "200",
                    MarketConfig.HIGH_BP, "300",
                    MarketConfig.MAX_ATTEMPTS, "3",
                    MarketConfig.WRITER_THREADS, "4")));
    assertThat(config.selection().wsMaxAge()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.quality().naverBase()).isEqualTo(50);
    assertThat(config.staleness().staleAfter()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.priorities().held()).isEqualTo(200);
    assertThat(config.discrepancies().highFromBp()).isEqualTo(300);
    assertThat(config.queue().maxAttempts()).isEqualTo(3);
    assertThat(config.writer().threads()).isEqualTo(4);
  }

  @Test
  void a_bad_value_names_its_key() {
    assertThatThrownBy(() -> MarketConfig.from(Settings.of(Map.of(MarketConfig.REST_BASE, "120"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key=market.quality.base.rest");
    assertThatThrownBy(() -> MarketConfig.from(Settings.of(Map.of(MarketConfig.MEDIUM_BP, "300"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(MarketConfig.MEDIUM_BP);
  }
}
