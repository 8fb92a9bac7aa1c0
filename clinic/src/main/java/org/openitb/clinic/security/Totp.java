// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes, RFC 6238 (HMAC-SHA1, 6 digits, 30-second steps, one step of clock
 * drift either way), as authenticator apps read them from an {@code otpauth://} URI. Each code logs
 * in once: {@link #step} tells which step a code belongs to, and the user's last accepted step is
 * stored ({@code app_user.totp_last_step}). Written on
 * the JDK's HMAC: no TOTP library is served to this build.
 */
public final class Totp {
  static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;
  static final int SECRET_BYTES = 20;
  public static final int DRIFT_STEPS = 1;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {}

  /** A new random secret, Base32 (160 bits, as RFC 4226 recommends). */
  static String newSecret() {
    byte[] b = new byte[SECRET_BYTES];
    RANDOM.nextBytes(b);
    return base32(b);
  }

  /** The code for the clock's current step. */
  public static String code(String secret, Clock clock) {
    return code(secret, Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS));
  }

  static String code(String secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(unbase32(secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
      int o = h[h.length - 1] & 0xf;
      int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
      return String.format("%0" + DIGITS + "d", bin % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
    }
  }

  /** Whether {@code code} is the code of the current step or one step either side. */
  static boolean verify(String secret, String code, Clock clock) {
    return step(secret, code, clock).isPresent();
  }

  /**
   * The latest time step, of the current one and one either side, whose code is {@code code}; empty
   * when none is. Every candidate step is compared (in constant time), whichever matches. A code is
   * accepted once: the caller accepts the step only when it is later than the user's last accepted
   * one (ASVS 2.8.4, RFC 6238 section 5.2).
   */
  static OptionalLong step(String secret, String code, Clock clock) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long now = Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS);
    OptionalLong match = OptionalLong.empty();
    for (long s = now - DRIFT_STEPS; s <= now + DRIFT_STEPS; s++) {
      if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
        match = OptionalLong.of(s);
      }
    }
    return match;
  }

  /** The provisioning URI an authenticator app scans. */
  public static String uri(String username, String secret) {
    String label = URLEncoder.encode("OpenITB:" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=OpenITB&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  static String base32(byte[] data) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  static byte[] unbase32(String s) {
    String t = s.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(t.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : t.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not Base32: " + c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}
