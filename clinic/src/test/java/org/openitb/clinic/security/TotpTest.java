// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B test vectors (SHA-1), six low digits of each. */
class TotpTest {
  static final String SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @ParameterizedTest
  @CsvSource({"59,287082", "1111111109,081804", "1111111111,050471", "1234567890,005924", "2000000000,279037", "20000000000,353130"})
  void rfc6238Vectors(long seconds, String code) {
    Clock at = Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    assertThat(SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.code(SECRET, at)).isEqualTo(code);
    assertThat(Totp.verify(SECRET, code, at)).isTrue();
    assertThat(Totp.verify(SECRET, code, Clock.offset(at, java.time.Duration.ofSeconds(Totp.STEP_SECONDS)))).as("one step of drift").isTrue();
    assertThat(Totp.verify(SECRET, code, Clock.offset(at, java.time.Duration.ofSeconds(3 * Totp.STEP_SECONDS)))).isFalse();
    assertThat(Totp.unbase32(SECRET)).isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
  }
}
