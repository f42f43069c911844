package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DayReportTest {

  @Test
  void files_agree_only_when_nothing_disagrees_is_unloaded_rejected_or_waits() {
    assertThat(DayReport.agreement(0, 0, 0, 0)).isEqualTo("files and tables agree");
  }

  @Test
  void the_verdict_names_what_is_not_zero_and_nothing_else() {
    assertThat(DayReport.agreement(0, 0, 0, 1_200))
        .isEqualTo("1,200 lines not loaded (run krx-trader validate)");
    assertThat(DayReport.agreement(0, 0, 1, 0))
        .isEqualTo("1 line rejected (run krx-trader validate)");
    assertThat(DayReport.agreement(0, 1, 0, 0))
        .isEqualTo("1 file never loaded (run krx-trader validate)");
    assertThat(DayReport.agreement(2, 0, 3, 0))
        .isEqualTo(
            "2 files disagree with their tables, 3 lines rejected (run krx-trader validate)");
  }
}
