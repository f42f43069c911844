package io.krxtrader.krx;

import java.util.regex.Pattern;

/**
 * A KRX short code: six upper-case letters or digits ({@code 005930}, preferred shares such as
 * {@code 00680K}, new-style codes such as {@code 0096B0}).
 */
public record Symbol(String code) implements Comparable<Symbol> {

  private static final Pattern CODE = Pattern.compile("[0-9A-Z]{6}");

  public Symbol {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "a symbol is six upper-case letters or digits [symbol=" + code + "]");
    }
  }

  public static Symbol of(String code) {
    return new Symbol(code);
  }

  public static boolean isValid(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  @Override
  public int compareTo(Symbol other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
