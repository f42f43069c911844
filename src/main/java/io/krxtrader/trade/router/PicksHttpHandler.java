package io.krxtrader.trade.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/picks}, without a server: the operator surface mounts it and passes the
 * request's {@code Authorization} and {@code Content-Type} headers and body. The caller must send
 * {@code Authorization: Bearer <router.http-token>}; the body is a run in the JSON form ({@code
 * application/json}) or the CSV form ({@code text/csv}).
 *
 * <pre>
 * 201 {"outcome":"accepted","run_id":..,"picks":n,"superseded":n,"stale":false,"message":..}
 * 200 {"outcome":"already_submitted","run_id":..,"message":..}
 * 400 {"outcome":"rejected","message":..,"problems":[{"location","field","pick_index","value","expected","text"}]}
 * 401 {"outcome":"unauthorized","message":..}   no or a wrong token (the token is never echoed)
 * 413 {"outcome":"rejected",...}                 larger than the parser's maximum, unread
 * 415 {"outcome":"unsupported_media_type",...}
 * </pre>
 */
public final class PicksHttpHandler {

  /** The status and JSON body to answer with. */
  public record Answer(int status, String json) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final PickIntake intake;
  private final byte[] token;

  public PicksHttpHandler(PickIntake intake, Secret token) {
    this.intake = intake;
    this.token = ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
  }

  public Answer handle(Optional<String> authorization, Optional<String> contentType, byte[] body) {
    if (authorization.isEmpty()
        || !MessageDigest.isEqual(token, authorization.get().getBytes(StandardCharsets.UTF_8))) {
      return answer(401, "unauthorized", "send Authorization: Bearer <router.http-token>");
    }
    String type = contentType.orElse("application/json").toLowerCase(Locale.ROOT);
    String name;
    if (type.startsWith("application/json")) {
      name = "body.json";
    } else if (type.startsWith("text/csv")) {
      name = "body.csv";
    } else {
      return answer(
          415, "unsupported_media_type", "send application/json or text/csv, not " + type);
    }
    if (body.length > intake.maxBytes()) {
      return rejected(413, (Submission.Rejected) intake.tooLarge(body.length));
    }
    Submission outcome = intake.submit(body, name, RunSource.HTTP);
    return switch (outcome) {
      case Submission.Accepted accepted -> {
        ObjectNode json = node("accepted", accepted.summary());
        json.put("run_id", accepted.runId());
        json.put("picks", accepted.picks());
        json.put("superseded", accepted.superseded());
        json.put("stale", accepted.stale());
        yield new Answer(201, json.toString());
      }
      case Submission.AlreadySubmitted again -> {
        ObjectNode json = node("already_submitted", again.summary());
        json.put("run_id", again.runId());
        yield new Answer(200, json.toString());
      }
      case Submission.Rejected refused -> rejected(400, refused);
    };
  }

  private Answer rejected(int status, Submission.Rejected refused) {
    ObjectNode json = node("rejected", refused.summary());
    ArrayNode problems = json.putArray("problems");
    for (RunProblem problem : refused.problems()) {
      ObjectNode p = problems.addObject();
      p.put("location", problem.location());
      p.put("field", problem.field());
      if (problem.pickIndex().isPresent()) {
        p.put("pick_index", problem.pickIndex().getAsInt());
      } else {
        p.putNull("pick_index");
      }
      p.put("value", problem.value());
      p.put("expected", problem.expected());
      p.put("text", problem.toString());
    }
    return new Answer(status, json.toString());
  }

  private Answer answer(int status, String outcome, String message) {
    return new Answer(status, node(outcome, message).toString());
  }

  private ObjectNode node(String outcome, String message) {
    ObjectNode json = mapper.createObjectNode();
    json.put("outcome", outcome);
    json.put("message", message);
    return json;
  }
}
