package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP handler: token, content types, and the same outcomes as the other ways in. */
@ExtendWith(PostgresExtension.class)
class PicksHttpHandlerIT {

  private static final Optional<String> TOKEN = Optional.of("Bearer s3cret-token");
  private final ObjectMapper mapper = new ObjectMapper();
  private final PicksHttpHandler handler;

  PicksHttpHandlerIT(Database db) {
    PickIntake intake =
        new PickIntake(db, new PickRunParser(10_000, 100), TestClock.kst("08:40:00"));
    handler = new PicksHttpHandler(intake, Secret.of("s3cret-token"));
  }

  private JsonNode json(PicksHttpHandler.Answer answer) throws Exception {
    return mapper.readTree(answer.json());
  }

  @Test
  void a_run_is_accepted_once_then_already_submitted() throws Exception {
    byte[] run = PickIntakeIT.run("5000", "k1", "08:30:00", "005930", "000660");
    PicksHttpHandler.Answer first = handler.handle(TOKEN, Optional.of("application/json"), run);
    assertThat(first.status()).isEqualTo(201);
    assertThat(json(first).get("outcome").asText()).isEqualTo("accepted");
    assertThat(json(first).get("picks").asInt()).isEqualTo(2);
    PicksHttpHandler.Answer again = handler.handle(TOKEN, Optional.empty(), run);
    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again).get("outcome").asText()).isEqualTo("already_submitted");
  }

  @Test
  void the_csv_form_is_accepted_as_text_csv() throws Exception {
    byte[] csv = Files.readAllBytes(Path.of("docs/pick-run.example.csv"));
    PicksHttpHandler.Answer answer =
        handler.handle(TOKEN, Optional.of("text/csv; charset=utf-8"), csv);
    assertThat(answer.status()).as(answer.json()).isEqualTo(201);
  }

  @Test
  void a_malformed_run_answers_400_with_every_problem() throws Exception {
    String bad =
        new String(PickIntakeIT.run("5001", "k2", "08:30:00", "005930"), StandardCharsets.UTF_8)
            .replace("\"LONG\"", "\"SHORT\"")
            .replace("2026-01-22\"", "yesterday\"");
    PicksHttpHandler.Answer answer =
        handler.handle(
            TOKEN, Optional.of("application/json"), bad.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(400);
    JsonNode problems = json(answer).get("problems");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).get("location").asText()).isEqualTo("run_date");
    assertThat(problems.get(1).get("location").asText()).isEqualTo("picks[0].side");
    assertThat(problems.get(1).get("pick_index").asInt()).isZero();
    assertThat(problems.get(1).get("expected").asText()).isEqualTo("LONG");
  }

  @Test
  void no_or_a_wrong_token_is_401_and_never_echoed_and_other_types_are_415() throws Exception {
    byte[] run = PickIntakeIT.run("5002", "k3", "08:30:00", "005930");
    assertThat(handler.handle(Optional.empty(), Optional.empty(), run).status()).isEqualTo(401);
    PicksHttpHandler.Answer wrong =
        handler.handle(Optional.of("Bearer guess"), Optional.empty(), run);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json()).doesNotContain("s3cret").doesNotContain("guess");
    assertThat(handler.handle(TOKEN, Optional.of("text/xml"), run).status()).isEqualTo(415);
    assertThat(handler.handle(TOKEN, Optional.empty(), new byte[10_001]).status()).isEqualTo(413);
  }
}
