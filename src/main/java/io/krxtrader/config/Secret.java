package io.krxtrader.config;

import java.util.Objects;

/**
 * A credential (KIS app key, app secret, access token, approval key). It prints as {@code ****} in
 * every {@code toString}, log line and exception, so that it cannot leak by accident; code that
 * must send it calls {@link #reveal()} at the last moment.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
