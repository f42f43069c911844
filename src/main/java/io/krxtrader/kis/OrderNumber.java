package io.krxtrader.kis;

/**
 * KIS's order number ({@code ODNO}): ten zero-padded digits on a real account, unpadded on paper.
 * Compare with {@link #sameAs}, which ignores the padding.
 */
public record OrderNumber(String value) {

  public OrderNumber {
    if (value == null || !value.strip().matches("\\d{1,20}")) {
      throw new IllegalArgumentException("an order number is 1 to 20 digits [value=" + value + "]");
    }
    value = value.strip();
  }

  public boolean sameAs(OrderNumber other) {
    return stripped().equals(other.stripped());
  }

  private String stripped() {
    String digits = value.replaceFirst("^0+", "");
    return digits.isEmpty() ? "0" : digits;
  }

  @Override
  public String toString() {
    return value;
  }
}
