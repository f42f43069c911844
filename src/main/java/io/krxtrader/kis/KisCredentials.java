package io.krxtrader.kis;

import io.krxtrader.config.Secret;
import java.util.Objects;

/**
 * What KIS needs to know who is calling: the app key pair of one environment, the account, and the
 * HTS id (the {@code tr_key} of execution notices). All of it prints masked.
 */
public record KisCredentials(Secret appKey, Secret appSecret, AccountNumber account, Secret htsId) {

  /** The built-in simulator's paper key: the simulator accepts it with no set-up. */
  public static final KisCredentials SIMULATOR =
      new KisCredentials(
          Secret.of("PSsimKRXTRADER0000000000000000000001"),
          Secret.of("simulator-secret-" + "0".repeat(163)),
          new AccountNumber("50000001", "01"),
          Secret.of("simuser"));

  public KisCredentials {
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(htsId, "htsId");
  }
}
