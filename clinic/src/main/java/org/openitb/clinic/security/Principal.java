// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.security;

import org.openitb.clinic.json.ApiException;

/** The logged-in user of one request, with the session's CSRF token. */
public record Principal(long userId, String username, Role role, Long patientId, String csrfToken, String tokenHash) {
  /** Refuses a patient user reading anyone but themselves (404, so record ids do not leak). */
  public void requireAccessTo(long patient) {
    if (role == Role.PATIENT && (patientId == null || patientId != patient)) {
      throw ApiException.notFound("patient " + patient);
    }
  }
}
