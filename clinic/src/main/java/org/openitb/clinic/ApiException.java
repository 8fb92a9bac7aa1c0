package org.openitb.clinic;

/** A refusal the API reports as JSON {error, field, value, allowed} with an HTTP status. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String field;
  final String value;
  final String allowed;

  ApiException(int status, String error, String field, String value, String allowed) {
    super(error);
    this.status = status;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
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
