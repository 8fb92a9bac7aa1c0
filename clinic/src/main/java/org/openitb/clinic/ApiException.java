// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

/** A refusal the API reports as JSON {error, field, value, allowed} with an HTTP status. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String field;
  final String value;
  final String allowed;
  /** Further fields of the refusal (e.g. every safety finding), shown beside error/field/value/allowed. */
  final java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();

  ApiException(int status, String error, String field, String value, String allowed) {
    super(error);
    this.status = status;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }

  ApiException with(String key, Object value) {
    details.put(key, value);
    return this;
  }

  static ApiException badRequest(String error, String field, String value, String allowed) {
    return new ApiException(400, error, field, value, allowed);
  }

  static ApiException unauthorized() {
    return new ApiException(401, "not logged in: POST /api/login with username and password first", null, null, null);
  }

  static ApiException forbidden(String why) {
    return new ApiException(403, why, null, null, null);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, what + " not found", null, null, null);
  }

  static ApiException conflict(String why) {
    return new ApiException(409, why, null, null, null);
  }
}
