package io.krxtrader.kis;

import java.util.Optional;

/**
 * One REST answer after the transport handled rate limits and refused tokens: the body, the {@code
 * tr_cont} response header (F/M = more pages, D/E = last) and the error, if KIS reported one.
 */
record KisResponse(int status, String trCont, Fields body, Optional<KisError> error) {

  /** The body of a successful answer, or a {@link KisApiException} naming what failed. */
  Fields requireOk(String what) {
    if (error.isPresent()) {
      throw new KisApiException(what + " failed", error.get());
    }
    return body;
  }

  boolean morePages() {
    return trCont.equals("F") || trCont.equals("M");
  }
}
