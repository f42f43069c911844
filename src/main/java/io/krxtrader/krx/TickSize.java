package io.krxtrader.krx;

/**
 * The KRX price grid (호가가격단위) for stocks since 2023-01-25, the same on KOSPI and KOSDAQ:
 *
 * <pre>
 *   price          tick
 *   < 2,000           1
 *   < 5,000           5
 *   < 20,000         10
 *   < 50,000         50
 *   < 200,000       100
 *   < 500,000       500
 *   >= 500,000    1,000
 * </pre>
 *
 * Prices are whole KRW.
 */
public final class TickSize {

  private TickSize() {}

  /** The tick at a price level. */
  public static long of(long price) {
    if (price < 2_000) {
      return 1;
    } else if (price < 5_000) {
      return 5;
    } else if (price < 20_000) {
      return 10;
    } else if (price < 50_000) {
      return 50;
    } else if (price < 200_000) {
      return 100;
    } else if (price < 500_000) {
      return 500;
    }
    return 1_000;
  }

  public static boolean isOnGrid(long price) {
    return price > 0 && price % of(price) == 0;
  }

  /** The highest grid price at or below {@code price}. */
  public static long floor(long price) {
    return price - price % of(price);
  }

  /** The lowest grid price at or above {@code price}. */
  public static long ceil(long price) {
    long remainder = price % of(price);
    return remainder == 0 ? price : price + of(price) - remainder;
  }

  /** The grid price nearest to {@code price}; a tie goes down. */
  public static long nearest(long price) {
    long down = floor(price);
    long up = ceil(price);
    return price - down <= up - price ? down : up;
  }

  /** The next grid price above a grid price. */
  public static long up(long price) {
    return ceil(price + 1);
  }

  /** The next grid price below a grid price (never below 1). */
  public static long down(long price) {
    return price <= 1 ? 1 : floor(price - 1);
  }
}
