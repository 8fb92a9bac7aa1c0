// SPDX-License-Identifier: Apache-2.0
package org.openitb.therapy.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact rational number, always in lowest terms with a positive denominator, so two equal
 * values are {@code equals}. Used where a clinical quantity is not a whole number of base units
 * (a flex day's basal volume, a percentage, a duration in hours) and rounding must happen once,
 * at the end, in a stated direction. Never overflows.
 */
public record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {
  public static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
  public static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  public Fraction {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("fraction with a zero denominator: " + numerator + "/0");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
    if (numerator.signum() == 0) {
      denominator = BigInteger.ONE;
    }
  }

  public static Fraction of(long numerator, long denominator) {
    return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  public static Fraction of(BigInteger numerator, BigInteger denominator) {
    return new Fraction(numerator, denominator);
  }

  public static Fraction of(long value) {
    return new Fraction(BigInteger.valueOf(value), BigInteger.ONE);
  }

  public static Fraction of(BigInteger value) {
    return new Fraction(value, BigInteger.ONE);
  }

  /** {@code part / whole} as a percentage (100 * part / whole), exactly. */
  public static Fraction percent(long part, long whole) {
    return new Fraction(BigInteger.valueOf(part).multiply(HUNDRED), BigInteger.valueOf(whole));
  }

  public Fraction plus(Fraction o) {
    return new Fraction(
        numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
  }

  public Fraction minus(Fraction o) {
    return plus(o.negate());
  }

  public Fraction negate() {
    return new Fraction(numerator.negate(), denominator);
  }

  public Fraction times(Fraction o) {
    return new Fraction(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
  }

  public Fraction times(long factor) {
    return new Fraction(numerator.multiply(BigInteger.valueOf(factor)), denominator);
  }

  /** This divided by {@code o}; {@link ArithmeticException} when {@code o} is zero. */
  public Fraction dividedBy(Fraction o) {
    return new Fraction(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
  }

  public Fraction dividedBy(long divisor) {
    return new Fraction(numerator, denominator.multiply(BigInteger.valueOf(divisor)));
  }

  /** The largest integer not above this value. */
  public BigInteger floor() {
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** The smallest integer not below this value. */
  public BigInteger ceil() {
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  /** Rounded in the stated direction ({@link Rounding#EXACT} throws when there is a remainder). */
  public BigInteger round(Rounding rounding) {
    return switch (rounding) {
      case DOWN -> floor();
      case UP -> ceil();
      case EXACT -> {
        if (!isInteger()) {
          throw new ArithmeticException(this + " is not a whole number");
        }
        yield numerator;
      }
    };
  }

  public boolean isInteger() {
    return denominator.equals(BigInteger.ONE);
  }

  public int signum() {
    return numerator.signum();
  }

  public boolean isZero() {
    return numerator.signum() == 0;
  }

  public Fraction min(Fraction o) {
    return compareTo(o) <= 0 ? this : o;
  }

  /** A decimal with {@code places} digits after the point, rounded by {@code mode} (display only). */
  public BigDecimal toBigDecimal(int places, RoundingMode mode) {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), places, mode);
  }

  /** "33.3" for 100/3 with 1 place: {@code places} decimals, rounded by {@code mode}. */
  public String toPlainString(int places, RoundingMode mode) {
    return toBigDecimal(places, mode).toPlainString();
  }

  @Override
  public int compareTo(Fraction o) {
    return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
  }

  @Override
  public String toString() {
    return isInteger() ? numerator.toString() : numerator + "/" + denominator;
  }
}
