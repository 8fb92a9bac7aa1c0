// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openitb.clinic.security.Sessions;

/**
 * The hash stored with an idempotency key identifies the request without holding a fast hash of a
 * password: a second person's password (or one-time code) is left out at any depth, everything else
 * counts, and a body that is not JSON is hashed as sent.
 */
class OnceRequestHashTest {
  static final String ROUTE = "POST /api/patients/7/refills";

  @Test
  void aSecondPersonsPasswordIsNotPartOfTheHashEverythingElseIs() {
    String signed = "{\"withdrawn\":\"3.4 mL\",\"fill\":\"20 mL\",\"secondPerson\":{\"username\":\"nurse\",\"password\":\"correct horse\"}}";
    String otherPassword = signed.replace("correct horse", "battery staple");
    String hash = Once.requestHash(ROUTE, signed);
    // not the plain hash of what was sent (that one could be brute-forced for the password offline)
    assertThat(hash).isNotEqualTo(Sessions.sha256(ROUTE + "\n" + signed)).hasSize(64);
    assertThat(Once.requestHash(ROUTE, otherPassword)).isEqualTo(hash);
    assertThat(Once.requestHash(ROUTE, signed.replace("\"password\":\"correct horse\"", "\"code\":\"123456\""))).isEqualTo(hash);
    // any other value, the second person's name, or the route makes it another request
    assertThat(Once.requestHash(ROUTE, signed.replace("3.4 mL", "3.5 mL"))).isNotEqualTo(hash);
    assertThat(Once.requestHash(ROUTE, signed.replace("\"nurse\"", "\"nurse.b\""))).isNotEqualTo(hash);
    assertThat(Once.requestHash("POST /api/patients/8/refills", signed)).isNotEqualTo(hash);
    // in a list too, and whitespace does not matter
    String listed = "{\"people\":[{\"username\":\"a\",\"password\":\"x\"}]}";
    assertThat(Once.requestHash(ROUTE, listed)).isEqualTo(Once.requestHash(ROUTE, "{ \"people\" : [ {\"username\":\"a\",\"password\":\"y\"} ] }"));
    // not JSON: as sent (the write refuses it and leaves no key behind)
    assertThat(Once.requestHash(ROUTE, "not json")).isEqualTo(Sessions.sha256(ROUTE + "\nnot json"));
    assertThat(Once.requestHash(ROUTE, "")).isEqualTo(Sessions.sha256(ROUTE + "\n"));
  }
}
