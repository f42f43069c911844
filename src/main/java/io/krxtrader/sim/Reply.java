package io.krxtrader.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One HTTP answer of the simulator: status, JSON body and the {@code tr_cont} header. */
record Reply(int status, String body, String trCont) {

  static final ObjectMapper JSON = new ObjectMapper();

  static Reply ok(ObjectNode body) {
    return new Reply(200, body.toString(), "");
  }

  static Reply ok(ObjectNode body, String trCont) {
    return new Reply(200, body.toString(), trCont);
  }

  /** KIS's normal envelope with {@code rt_cd != 0}. */
  static Reply error(int status, String rtCd, String msgCd, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("rt_cd", rtCd);
    body.put("msg_cd", msgCd);
    body.put("msg1", message);
    return new Reply(status, body.toString(), "");
  }

  /** The token endpoints' other envelope ({@code error_code}/{@code error_description}). */
  static Reply tokenError(int status, String code, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error_description", description);
    body.put("error_code", code);
    return new Reply(status, body.toString(), "");
  }

  /** A success envelope: rt_cd 0, msg_cd and msg1 padded with spaces as KIS pads it. */
  static ObjectNode success(String msgCd, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("rt_cd", "0");
    body.put("msg_cd", msgCd);
    body.put("msg1", pad(message, 80 - message.length()));
    return body;
  }

  static String pad(String text, int width) {
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < text.length() + Math.max(0, width)) {
      padded.append(' ');
    }
    return padded.toString();
  }

  /** A 100-character space-padded context string, as KIS's ctx_area_*100 fields are. */
  static String context(String text) {
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < 100) {
      padded.append(' ');
    }
    return padded.toString();
  }
}
