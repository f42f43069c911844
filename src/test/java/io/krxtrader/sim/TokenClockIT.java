package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.config.Settings;
import io.krxtrader.krx.TradingCalendar;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Access tokens as a client with a wall clock sees them: a simulator started with {@code --start} a
 * week ago (its market clock a week behind) issues tokens that expire 24 h after the wall-clock
 * now, in KIS's {@code yyyy-MM-dd HH:mm:ss} KST, shaped as a three-part JWT.
 */
class TokenClockIT {

  static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A simulator configured as {@code krx-trader sim --start <a week ago>} configures one. */
  static Simulator startedAWeekAgo() {
    LocalDateTime weekAgo =
        LocalDateTime.now(TradingCalendar.KST).minusDays(7).truncatedTo(ChronoUnit.SECONDS);
    return Simulator.start(
        SimulatorConfig.from(
            Settings.of(
                Map.of(SimulatorConfig.START, weekAgo.toString(), SimulatorConfig.SYMBOLS, "3"))));
  }

  static JsonNode decode(String part) throws Exception {
    return Reply.JSON.readTree(
        new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  @Test
  void a_token_issued_with_start_a_week_ago_expires_a_day_after_the_wall_clock_now() {
    try (Simulator sim = startedAWeekAgo()) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      RawKis kis = new RawKis(sim);
      Instant after = Instant.now();
      assertThat(sim.clock().instant())
          .as("the market clock runs a week behind the wall clock")
          .isBefore(before.minus(Duration.ofDays(6)));

      JsonNode body = kis.issued.json();
      Instant expiry =
          LocalDateTime.parse(body.path("access_token_token_expired").asText(), EXPIRY)
              .atZone(TradingCalendar.KST)
              .toInstant();
      assertThat(expiry)
          .isBetween(before.plus(Duration.ofHours(24)), after.plus(Duration.ofHours(24)));
      // expires_in counts whole seconds from the same wall clock, rounded down
      assertThat(body.path("expires_in").asLong()).isBetween(86_399L, 86_400L);

      RawHttp.Response price =
          kis.get(
              KisEndpoints.Q + "inquire-price",
              "FHKST01010100",
              "",
              Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930"));
      assertThat(price.json().path("rt_cd").asText()).as(price.body()).isEqualTo("0");
    }
  }

  @Test
  void the_access_token_is_a_three_part_jwt_with_kis_claims() throws Exception {
    try (Simulator sim = startedAWeekAgo()) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      RawKis kis = new RawKis(sim);
      Instant after = Instant.now();
      String[] parts = kis.token.split("\\.", -1);
      assertThat(parts).hasSize(3);
      for (String part : parts) {
        assertThat(part).as("base64url without padding").matches("[A-Za-z0-9_-]+");
      }
      assertThat(decode(parts[0]))
          .isEqualTo(Reply.JSON.readTree("{\"typ\":\"JWT\",\"alg\":\"HS512\"}"));
      JsonNode claims = decode(parts[1]);
      List<String> names = new ArrayList<>();
      claims.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("sub", "aud", "iss", "exp", "iat", "jti");
      assertThat(claims.path("iat").asLong())
          .isBetween(before.getEpochSecond(), after.getEpochSecond());
      assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(86_400);
      Instant expiry =
          LocalDateTime.parse(kis.issued.json().path("access_token_token_expired").asText(), EXPIRY)
              .atZone(TradingCalendar.KST)
              .toInstant();
      assertThat(claims.path("exp").asLong()).isEqualTo(expiry.getEpochSecond());
      assertThat(Base64.getUrlDecoder().decode(parts[2])).as("an HMAC-SHA512").hasSize(64);

      // A token whose claims were changed no longer carries the simulator's signature.
      String forged =
          parts[0]
              + "."
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      claims
                          .toString()
                          .replace("\"iss\":\"unogw\"", "\"iss\":\"x\"")
                          .getBytes(StandardCharsets.UTF_8))
              + "."
              + parts[2];
      assertThat(new TokenSigner().verify(kis.token)).as("another simulator's key").isFalse();
      RawKis forger = new RawKis(sim, forged);
      RawHttp.Response refused =
          forger.get(
              KisEndpoints.Q + "inquire-price",
              "FHKST01010100",
              "",
              Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930"));
      assertThat(refused.json().path("msg_cd").asText()).isEqualTo("EGW00121");
    }
  }
}
