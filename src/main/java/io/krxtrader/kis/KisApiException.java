package io.krxtrader.kis;

/**
 * KIS answered, and the answer was an error that is not a business outcome: a gateway error (HTTP
 * 500 with {@code EGW…}/{@code IGW…}), a refused token, an inquiry that failed, or a rate limit
 * that persisted through the retries. {@link #error()} keeps {@code msg_cd} and {@code msg1}.
 */
public final class KisApiException extends KisException {

  private final transient KisError error;

  public KisApiException(String what, KisError error) {
    super(what + " [" + error + "]");
    this.error = error;
  }

  public KisError error() {
    return error;
  }
}
