package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.PriceType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's worked example through the simulation, from CSV files. */
class ExitSimulationTest {

  @TempDir Path dir;

  @Test
  void the_worked_example_take_profit_then_trail() throws IOException {
    Path prices = dir.resolve("prices.csv");
    Files.writeString(
        prices,
        """
        ts,price
        2026-12-03T10:00:00,10507
        2026-12-03T10:05:00,10800
        2026-12-03T01:06:00Z,10600
        2026-12-03T10:07:00,10500
        """);
    Path daily = dir.resolve("daily.csv");
    List<String> lines = new ArrayList<>(List.of("date,open,high,low,close"));
    LocalDate day = LocalDate.of(2026, 12, 2);
    List<LocalDate> days = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      days.add(0, day);
      day = TradingCalendar.krx().previousTradingDay(day);
    }
    days.forEach(d -> lines.add(d + ",10050,10100,10000,10050"));
    Files.write(daily, lines);

    List<ExitSimulation.Row> rows =
        new ExitSimulation(ExitConfig.defaults(), TradingCalendar.krx())
            .run(
                new BigDecimal("10000"),
                100,
                LocalDateTime.parse("2026-12-01T10:00:00").atZone(TradingCalendar.KST).toInstant(),
                ExitSimulation.readPrices(prices),
                ExitSimulation.readDaily(daily));

    assertThat(rows).hasSize(2);
    ExitSimulation.Row tp1 = rows.get(0);
    assertThat(tp1.order().actionKey()).isEqualTo(ExitSimulation.POSITION + ":TP1");
    assertThat(tp1.order().quantity()).isEqualTo(33);
    assertThat(tp1.order().priceType()).isEqualTo(PriceType.LMT);
    assertThat(tp1.order().limitPrice()).hasValue(10_500);
    assertThat(tp1.phase()).isEqualTo(ExitPhase.TP1_DONE);
    assertThat(tp1.hwm()).hasValue(10_507);
    ExitSimulation.Row trail = rows.get(1);
    assertThat(trail.order().actionKey()).isEqualTo(ExitSimulation.POSITION + ":TRAIL");
    assertThat(trail.order().quantity()).isEqualTo(67);
    assertThat(trail.order().priceType()).isEqualTo(PriceType.MKT);
    assertThat(trail.phase()).isEqualTo(ExitPhase.CLOSING);
    assertThat(trail.hwm()).hasValue(10_800);
    assertThat(trail.stopFloor().orElseThrow()).isEqualByComparingTo("10030");
  }

  @Test
  void a_bad_line_names_the_file_the_line_and_the_field() throws IOException {
    Path prices = dir.resolve("bad.csv");
    Files.writeString(prices, "ts,price\n2026-12-03T10:00:00,10500\n2026-12-03T10:01:00,ten\n");
    assertThatThrownBy(() -> ExitSimulation.readPrices(prices))
        .isInstanceOf(KrxTraderException.class)
        .hasMessageContaining("file=" + prices)
        .hasMessageContaining("line=3")
        .hasMessageContaining("field=price");
    Path daily = dir.resolve("daily.csv");
    Files.writeString(daily, "2026-12-02,1,2,1\n");
    assertThatThrownBy(() -> ExitSimulation.readDaily(daily))
        .hasMessageContaining("line=1")
        .hasMessageContaining("field=line");
    Files.writeString(daily, "2026-13-02,1,2,1,2\n");
    assertThatThrownBy(() -> ExitSimulation.readDaily(daily)).hasMessageContaining("field=date");
  }
}
