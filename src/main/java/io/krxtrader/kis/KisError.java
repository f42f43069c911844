package io.krxtrader.kis;

/**
 * What KIS said when it said no: the HTTP status and the envelope's {@code rt_cd}, {@code msg_cd}
 * and {@code msg1} (token endpoints answer with {@code error_code}/{@code error_description}
 * instead; those land in {@code msgCd}/{@code message} with an empty {@code rtCd}). The message is
 * KIS's own text, stripped of its space padding.
 */
public record KisError(int httpStatus, String rtCd, String msgCd, String message) {

  public static final String RATE_LIMITED = "EGW00201";
  public static final String LEDGER_RATE_LIMITED = "EGW00215";
  public static final String TOKEN_EXPIRED = "EGW00123";
  public static final String TOKEN_INVALID = "EGW00121";
  public static final String TOKEN_ISSUE_THROTTLED = "EGW00133";

  public KisError {
    rtCd = rtCd == null ? "" : rtCd.strip();
    msgCd = msgCd == null ? "" : msgCd.strip();
    message = message == null ? "" : message.strip();
  }

  public boolean rateLimited() {
    return msgCd.equals(RATE_LIMITED) || msgCd.equals(LEDGER_RATE_LIMITED);
  }

  public boolean tokenRejected() {
    return msgCd.equals(TOKEN_EXPIRED) || msgCd.equals(TOKEN_INVALID);
  }

  @Override
  public String toString() {
    return "httpStatus=" + httpStatus + ", rtCd=" + rtCd + ", msgCd=" + msgCd + ", msg1=" + message;
  }
}
