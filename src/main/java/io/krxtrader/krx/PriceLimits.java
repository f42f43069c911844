package io.krxtrader.krx;

/**
 * A day's price band: ±30 % of the base price (기준가, normally the previous close). The upper limit
 * is rounded down and the lower limit up to the tick grid at their own level, which reproduces
 * KIS's {@code stck_mxpr}/{@code stck_llam}: base 66,000 gives 85,800 / 46,200; base 58,800 gives
 * 76,400 / 41,200.
 */
public record PriceLimits(long base, long lower, long upper) {

  public PriceLimits {
    if (base <= 0 || lower <= 0 || lower > base || upper < base) {
      throw new IllegalArgumentException(
          "inconsistent price limits [base="
              + base
              + ", lower="
              + lower
              + ", upper="
              + upper
              + "]");
    }
  }

  public static PriceLimits fromBase(long base) {
    if (base <= 0) {
      throw new IllegalArgumentException("base price must be positive [base=" + base + "]");
    }
    long width = base * 3 / 10;
    return new PriceLimits(
        base, TickSize.ceil(Math.max(1, base - width)), TickSize.floor(base + width));
  }

  public boolean contains(long price) {
    return price >= lower && price <= upper;
  }

  public long clamp(long price) {
    return Math.max(lower, Math.min(upper, price));
  }
}
