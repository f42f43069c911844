package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Test
  void whole_numbers_parse_from_every_form_kis_and_naver_write() {
    assertThat(StreamFrames.number("62700")).isEqualTo(62_700);
    assertThat(StreamFrames.number(" -300 ")).isEqualTo(-300);
    assertThat(StreamFrames.number("+1,234")).isEqualTo(1_234);
    assertThat(StreamFrames.number("")).isZero();
    assertThat(StreamFrames.number("12.00")).isEqualTo(12);
    assertThat(StreamFrames.number("1E3")).isEqualTo(1_000);
    assertThat(StreamFrames.number("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void what_is_not_a_whole_number_fails_with_the_cleaned_value() {
    assertThatThrownBy(() -> StreamFrames.number("12.5"))
        .isInstanceOf(KisException.class)
        .hasMessage("not a whole number in a KIS frame [value=12.5]");
    assertThatThrownBy(() -> StreamFrames.number("99999999999999999999"))
        .hasMessage("not a whole number in a KIS frame [value=99999999999999999999]");
    assertThatThrownBy(() -> StreamFrames.number("-"))
        .hasMessage("not a whole number in a KIS frame [value=-]");
    assertThatThrownBy(() -> StreamFrames.number("1,2x"))
        .hasMessage("not a whole number in a KIS frame [value=12x]");
  }

  @Test
  void decimals_stay_exact() {
    assertThat(StreamFrames.decimal("-0.14")).isEqualByComparingTo(new BigDecimal("-0.14"));
    assertThat(StreamFrames.decimal("")).isEqualTo(BigDecimal.ZERO);
    assertThatThrownBy(() -> StreamFrames.decimal("x"))
        .hasMessage("not a number in a KIS frame [value=x]");
  }

  @Test
  void answers_name_the_field_of_a_bad_number() throws Exception {
    Fields fields = Fields.of(KisHttp.JSON.readTree("{\"HLDG_QTY\":\"1.5\",\"prpr\":\"7,100\"}"));
    assertThat(fields.longValue("prpr")).isEqualTo(7_100);
    assertThatThrownBy(() -> fields.longValue("HLDG_QTY"))
        .hasMessage("not a whole number in a KIS answer [field=hldg_qty, value=1.5]");
  }
}
