package io.krxtrader.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  private enum Mode {
    PAPER,
    REAL_ACCOUNT
  }

  @Test
  void flags_win_over_environment_which_wins_over_the_file() throws IOException {
    Path config = file("krx.properties", "a = from-file\nb = from-file\nc = from-file\n");
    Settings settings =
        Settings.load(
            Optional.of(config),
            true,
            Map.of("KRX_B", "from-env", "KRX_C", "from-env"),
            Map.of("c", "from-flag"));
    assertThat(settings.string("a", "default")).isEqualTo("from-file");
    assertThat(settings.string("b", "default")).isEqualTo("from-env");
    assertThat(settings.string("c", "default")).isEqualTo("from-flag");
    assertThat(settings.string("d", "default")).isEqualTo("default");
  }

  @Test
  void environment_variable_names_follow_the_key() {
    assertThat(Settings.environmentVariable("db.pool-size")).isEqualTo("KRX_DB_POOL_SIZE");
  }

  @Test
  void a_bad_value_names_the_key_the_value_its_source_and_the_expected_form() throws IOException {
    Path config = file("krx.properties", "# pool\n\ndb.pool-size = lots\n");
    Settings settings = Settings.load(Optional.of(config), true, Map.of(), Map.of());
    assertThatThrownBy(() -> settings.integer("db.pool-size", 4, 1, 64))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration value [key=db.pool-size, value=lots, source=config file "
                + config
                + " line 3, expected=an integer from 1 to 64]");
  }

  @Test
  void decimals_are_exact_and_times_read_as_clock_times() {
    Settings settings =
        Settings.of(Map.of("exit.sl1.pnl-pct", "-2.05", "exit.time.from", "14:50", "a.pct", "101"));
    assertThat(
            settings.decimal(
                "exit.sl1.pnl-pct", BigDecimal.ONE, new BigDecimal("-100"), BigDecimal.ZERO))
        .isEqualByComparingTo("-2.05");
    assertThat(settings.decimal("absent", new BigDecimal("0.3"), BigDecimal.ZERO, BigDecimal.TEN))
        .isEqualTo(new BigDecimal("0.3"));
    assertThatThrownBy(
            () -> settings.decimal("a.pct", BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("100")))
        .hasMessageContaining("key=a.pct, value=101")
        .hasMessageContaining("expected=a decimal number from 0 to 100");
    assertThat(settings.time("exit.time.from", LocalTime.NOON)).isEqualTo(LocalTime.of(14, 50));
    assertThatThrownBy(() -> Settings.of(Map.of("t", "3pm")).time("t", LocalTime.NOON))
        .hasMessageContaining("expected=a KST time such as 15:00");
  }

  @Test
  void an_out_of_range_value_is_refused() {
    Settings settings = Settings.of(Map.of("db.pool-size", "0"));
    assertThatThrownBy(() -> settings.integer("db.pool-size", 4, 1, 64))
        .hasMessageContaining("expected=an integer from 1 to 64");
  }

  @Test
  void durations_enums_and_paths_parse_their_documented_forms() {
    Settings settings =
        Settings.of(
            Map.of(
                "a",
                "500ms",
                "b",
                "5s",
                "c",
                "2m",
                "d",
                "PT1H",
                "mode",
                "real-account",
                "home",
                "~/x"));
    Duration max = Duration.ofDays(1);
    assertThat(settings.duration("a", Duration.ZERO, Duration.ZERO, max)).hasMillis(500);
    assertThat(settings.duration("b", Duration.ZERO, Duration.ZERO, max)).hasSeconds(5);
    assertThat(settings.duration("c", Duration.ZERO, Duration.ZERO, max)).hasMinutes(2);
    assertThat(settings.duration("d", Duration.ZERO, Duration.ZERO, max)).hasHours(1);
    assertThat(settings.oneOf("mode", Mode.class, Mode.PAPER)).isEqualTo(Mode.REAL_ACCOUNT);
    assertThat(settings.path("home", Path.of("/")))
        .isEqualTo(Path.of(System.getProperty("user.home"), "x"));
    assertThatThrownBy(() -> Settings.of(Map.of("m", "demo")).oneOf("m", Mode.class, Mode.PAPER))
        .hasMessageContaining("expected=one of paper, real-account");
  }

  @Test
  void an_unknown_key_in_the_file_is_reported_with_its_line() throws IOException {
    Path config = file("krx.properties", "db.pool-size = 4\ndb.ulr = jdbc:postgresql://x/y\n");
    Settings settings = Settings.load(Optional.of(config), true, Map.of(), Map.of());
    settings.integer("db.pool-size", 4, 1, 64);
    assertThatThrownBy(settings::rejectUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.ulr (config file " + config + " line 2)");
  }

  @Test
  void a_key_given_twice_names_both_lines() throws IOException {
    Path config = file("krx.properties", "a = 1\n\na = 2\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(config), true, Map.of(), Map.of()))
        .hasMessage(
            "key given twice in the config file [file=" + config + ", key=a, lines=1 and 3]");
  }

  @Test
  void a_line_without_equals_is_refused_with_its_number() throws IOException {
    Path config = file("krx.properties", "a = 1\njust words\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(config), true, Map.of(), Map.of()))
        .hasMessage("expected key = value in the config file [file=" + config + ", line=2]");
  }

  @Test
  void a_named_config_file_must_exist_but_the_default_one_may_not() {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> Settings.load(Optional.of(missing), true, Map.of(), Map.of()))
        .hasMessage("config file not found [file=" + missing + "]");
    assertThat(Settings.load(Optional.of(missing), false, Map.of(), Map.of()).raw("x")).isEmpty();
  }

  @Test
  void a_secret_comes_from_the_environment_and_never_prints() {
    Settings settings =
        Settings.load(Optional.empty(), false, Map.of("KRX_KIS_APP_SECRET", "s3cr3t"), Map.of());
    Secret secret = settings.secret("kis.app-secret", dir.resolve("none")).orElseThrow();
    assertThat(secret.reveal()).isEqualTo("s3cr3t");
    assertThat(secret.toString()).isEqualTo("****").doesNotContain("s3cr3t");
  }

  @Test
  void a_secret_in_the_config_file_is_refused_without_echoing_it() throws IOException {
    Path config = file("krx.properties", "kis.app-secret = s3cr3t\n");
    Settings settings = Settings.load(Optional.of(config), true, Map.of(), Map.of());
    assertThatThrownBy(() -> settings.secret("kis.app-secret", dir.resolve("none")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KRX_KIS_APP_SECRET")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void a_secret_on_the_command_line_is_refused() {
    Settings settings = Settings.of(Map.of("kis.app-key", "k"));
    assertThatThrownBy(() -> settings.secret("kis.app-key", dir.resolve("none")))
        .hasMessageContaining("must not be set in the command-line option");
  }

  @Test
  void a_secret_comes_from_an_owner_only_secrets_file() throws IOException {
    Path secrets = file("secrets.properties", "kis.app-key = key-123\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    Settings settings = Settings.of(Map.of());
    assertThat(settings.secret("kis.app-key", secrets).orElseThrow().reveal()).isEqualTo("key-123");
    assertThat(settings.secret("kis.app-secret", secrets)).isEmpty();
  }

  @Test
  void a_secrets_file_others_can_read_is_refused() throws IOException {
    Path secrets = file("secrets.properties", "kis.app-key = key-123\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Settings.of(Map.of()).secret("kis.app-key", secrets))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the secrets file must be readable by its owner only [file="
                + secrets
                + ", fix=chmod 600 "
                + secrets
                + "]");
  }
}
