package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitConfigTest {

  @Test
  void defaults_are_the_specs_numbers() {
    ExitConfig config = ExitConfig.defaults();
    assertThat(config.sl1PnlPct()).isEqualByComparingTo("-2.0");
    assertThat(config.sl1SellPct()).isEqualByComparingTo("50");
    assertThat(config.sl2PnlPct()).isEqualByComparingTo("-3.5");
    assertThat(config.gapOpenPctOfClose()).isEqualByComparingTo("97");
    assertThat(config.gapPnlPct()).isEqualByComparingTo("-2.0");
    assertThat(config.tp1PnlPct()).isEqualByComparingTo("5");
    assertThat(config.tp2PnlPct()).isEqualByComparingTo("10");
    assertThat(config.tp3PnlPct()).isEqualByComparingTo("15");
    assertThat(config.breakEvenMarkupPct()).isEqualByComparingTo("0.3");
    assertThat(config.trailAtrMultiple()).isEqualByComparingTo("2.0");
    assertThat(config.atrPeriod()).isEqualTo(14);
    assertThat(config.timeExitSessions()).isEqualTo(10);
    assertThat(config.timeExitBelowPnlPct()).isEqualByComparingTo("5");
    assertThat(config.timeExitFrom()).isEqualTo(LocalTime.of(15, 0));
    assertThat(config.partialCooldown()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.takeProfitOrder()).isEqualTo(PriceType.LMT);
    assertThat(config.minQuality()).isEqualTo(50);
    assertThat(config.maxPriceAge()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.skipRecordEvery()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.quietRecordEvery()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void every_key_can_be_set() {
    Settings settings =
        Settings.of(
            Map.ofEntries(
                Map.entry(ExitConfig.SL1_PNL_PCT, "-1.5"),
                Map.entry(ExitConfig.SL1_SELL_PCT, "40"),
                Map.entry(ExitConfig.SL2_PNL_PCT, "-4"),
                Map.entry(ExitConfig.GAP_OPEN_PCT_OF_CLOSE, "96"),
                Map.entry(ExitConfig.GAP_PNL_PCT, "-1"),
                Map.entry(ExitConfig.TP1_PNL_PCT, "4"),
                Map.entry(ExitConfig.TP2_PNL_PCT, "8"),
                Map.entry(ExitConfig.TP3_PNL_PCT, "12"),
                Map.entry(ExitConfig.BREAK_EVEN_MARKUP_PCT, "0.5"),
                Map.entry(ExitConfig.TRAIL_ATR_MULTIPLE, "3"),
                Map.entry(ExitConfig.ATR_PERIOD, "10"),
                Map.entry(ExitConfig.TIME_SESSIONS, "5"),
                Map.entry(ExitConfig.TIME_BELOW_PNL_PCT, "3"),
                Map.entry(ExitConfig.TIME_FROM, "14:30"),
                Map.entry(ExitConfig.PARTIAL_COOLDOWN, "90s"),
                Map.entry(ExitConfig.TAKE_PROFIT_ORDER, "market"),
                Map.entry(ExitConfig.MIN_QUALITY, "70"),
                Map.entry(ExitConfig.MAX_PRICE_AGE, "3s"),
                Map.entry(ExitConfig.SKIP_RECORD_EVERY, "2m"),
                Map.entry(ExitConfig.QUIET_RECORD_EVERY, "30s")));
    ExitConfig config = ExitConfig.from(settings);
    settings.rejectUnknownKeys();
    assertThat(config.sl1SellPct()).isEqualByComparingTo("40");
    assertThat(config.tp3PnlPct()).isEqualByComparingTo("12");
    assertThat(config.timeExitFrom()).isEqualTo(LocalTime.of(14, 30));
    assertThat(config.takeProfitOrder()).isEqualTo(PriceType.MKT);
    assertThat(config.partialCooldown()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.quietRecordEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.trailAtrMultiple()).isEqualTo(new BigDecimal("3"));
  }

  @Test
  void an_unknown_exit_key_is_refused() {
    Settings settings = Settings.of(Map.of("exit.tp4.pnl-pct", "20"));
    ExitConfig.from(settings);
    assertThatThrownBy(settings::rejectUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exit.tp4.pnl-pct");
  }

  @Test
  void a_bad_value_names_its_key() {
    assertThatThrownBy(() -> ExitConfig.from(Settings.of(Map.of(ExitConfig.SL2_PNL_PCT, "lots"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key=exit.sl2.pnl-pct")
        .hasMessageContaining("value=lots");
    assertThatThrownBy(() -> ExitConfig.from(Settings.of(Map.of(ExitConfig.TIME_FROM, "3pm"))))
        .hasMessageContaining("key=exit.time.from");
  }

  @Test
  void targets_must_rise_and_stops_must_fall() {
    assertThatThrownBy(() -> ExitConfig.from(Settings.of(Map.of(ExitConfig.TP2_PNL_PCT, "20"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("take-profit");
    assertThatThrownBy(() -> ExitConfig.from(Settings.of(Map.of(ExitConfig.SL2_PNL_PCT, "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stop levels");
  }
}
