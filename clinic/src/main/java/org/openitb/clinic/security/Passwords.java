// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;

/**
 * Password rules (ASVS V2.1) and hashing. A password is 12-128 characters of any Unicode, taken
 * exactly as typed (never trimmed; NFC-normalised so the same text typed on two keyboards
 * matches), not a common password (the bundled list, also with trailing digits and punctuation
 * removed), and not containing the username. BCrypt reads only 72 bytes, so the password is
 * pre-hashed with SHA-256 (Base64, 44 bytes) before BCrypt: no silent truncation, no 500 for long
 * multi-byte passwords. Such hashes are stored as {@value #PREFIX} + the BCrypt hash; older plain
 * BCrypt hashes still verify.
 */
public final class Passwords {
  static final int MIN = 12;
  public static final int MAX = 128;
  static final String PREFIX = "sha256-bcrypt$";
  static final int BCRYPT_STRENGTH = 10;
  static final int BCRYPT_MAX_BYTES = 72;
  public static final String ALLOWED = MIN + "-" + MAX + " characters (any letters, spaces or symbols), not a common password, "
      + "not containing the username";
  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(BCRYPT_STRENGTH);
  /** BCrypt verifications run so far (the test of constant work for unknown usernames counts them). */
  static final java.util.concurrent.atomic.AtomicLong VERIFICATIONS = new java.util.concurrent.atomic.AtomicLong();
  private static final Set<String> COMMON = load();
  /** Verified against when the username is unknown, so every failed login costs one BCrypt. */
  private static final String DUMMY = hash("no such user: constant work " + System.nanoTime());

  private Passwords() {}

  /** Refuses a password that breaks a rule, naming the rule but never echoing the password. */
  static void check(String password, String username) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      throw refuse("password must have " + MIN + "-" + MAX + " characters; it has " + length);
    }
    String lower = Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String core = lower.replaceAll("[\\p{N}\\p{P}\\p{S}\\s]+$", "").replaceAll("^[\\p{N}\\p{P}\\p{S}\\s]+", "");
    if (COMMON.contains(lower) || COMMON.contains(core) || COMMON.contains(lower.replaceAll("\\s", ""))) {
      throw refuse("that password is on the list of common passwords; choose a longer phrase of your own");
    }
    if (lower.codePoints().distinct().count() < 3) {
      throw refuse("that password repeats too few characters");
    }
    if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw refuse("the password must not contain the username");
    }
  }

  private static ApiException refuse(String why) {
    return ApiException.badRequest(why, "password", Body.SECRET, ALLOWED);
  }

  static String hash(String password) {
    return PREFIX + BCRYPT.encode(prehash(password));
  }

  /** Whether {@code password} matches {@code stored}; with a null {@code stored}, does the same work and answers false. */
  static boolean verify(String password, String stored) {
    VERIFICATIONS.incrementAndGet();
    if (stored == null) {
      BCRYPT.matches(prehash(password), DUMMY.substring(PREFIX.length()));
      return false;
    }
    if (stored.startsWith(PREFIX)) {
      return BCRYPT.matches(prehash(password), stored.substring(PREFIX.length()));
    }
    // a plain BCrypt hash from before the pre-hash: only passwords BCrypt can read whole
    if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
      BCRYPT.matches(prehash(password), DUMMY.substring(PREFIX.length()));
      return false;
    }
    return BCRYPT.matches(password, stored);
  }

  static String prehash(String password) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static Set<String> load() {
    Set<String> s = new HashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Passwords.class.getResourceAsStream("/security/common-passwords.txt"), StandardCharsets.UTF_8))) {
      r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT)).forEach(s::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(s);
  }
}
