package io.krxtrader.kis;

import java.util.regex.Pattern;

/**
 * A KIS account: {@code CANO} (8 digits) and {@code ACNT_PRDT_CD} (2 digits, {@code 01} for a stock
 * account). It is personal data: it prints masked, and only the wire code asks for the digits.
 */
public record AccountNumber(String cano, String productCode) {

  private static final Pattern CANO = Pattern.compile("\\d{8}");
  private static final Pattern PRODUCT = Pattern.compile("\\d{2}");

  public AccountNumber {
    if (cano == null || !CANO.matcher(cano).matches()) {
      throw new IllegalArgumentException("an account number (CANO) is 8 digits");
    }
    if (productCode == null || !PRODUCT.matcher(productCode).matches()) {
      throw new IllegalArgumentException("an account product code (ACNT_PRDT_CD) is 2 digits");
    }
  }

  /**
   * Parses {@code 12345678-01}, {@code 1234567801} or {@code 12345678} (product code {@code 01}).
   */
  public static AccountNumber parse(String text) {
    String digits = text.strip().replace("-", "");
    if (digits.length() == 8) {
      return new AccountNumber(digits, "01");
    }
    if (digits.length() == 10) {
      return new AccountNumber(digits.substring(0, 8), digits.substring(8));
    }
    throw new IllegalArgumentException("an account is written 12345678-01 (CANO and product code)");
  }

  /** The ten digits as execution notices carry them ({@code ACNT_NO}). */
  public String tenDigits() {
    return cano + productCode;
  }

  @Override
  public String toString() {
    return "****" + cano.substring(6) + "-" + productCode;
  }
}
