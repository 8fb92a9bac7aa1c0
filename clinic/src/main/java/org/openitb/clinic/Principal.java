package org.openitb.clinic;

/** The logged-in user of one request, with the session's CSRF token. */
record Principal(long userId, String username, Role role, Long patientId, String csrfToken, String tokenHash) {
  /** Refuses unless the user has one of {@code roles}. */
  void require(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return;
      }
    }
    throw ApiException.forbidden("role " + role + " may not do this; needs one of " + java.util.Arrays.toString(roles));
  }

  /** Refuses a patient user reading anyone but themselves (404, so record ids do not leak). */
  void requireAccessTo(long patient) {
    if (role == Role.PATIENT && (patientId == null || patientId != patient)) {
      throw ApiException.notFound("patient " + patient);
    }
  }
}
