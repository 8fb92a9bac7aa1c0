// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.json;

/** A refusal the API reports as JSON {error, field, value, allowed} with an HTTP status. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public final int status;
  public final String field;
  public final String value;
  public final String allowed;
  /** Further fields of the refusal (e.g. every safety finding), shown beside error/field/value/allowed. */
  public final java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();

  public ApiException(int status, String error, String field, String value, String allowed) {
    super(error);
    this.status = status;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }

  public ApiException with(String key, Object value) {
    details.put(key, value);
    return this;
  }

  public static ApiException badRequest(String error, String field, String value, String allowed) {
    return new ApiException(400, error, field, value, allowed);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "not logged in: POST /api/login with username and password first", null, null, null);
  }

  public static ApiException forbidden(String why) {
    return new ApiException(403, why, null, null, null);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, what + " not found", null, null, null);
  }

  public static ApiException conflict(String why) {
    return new ApiException(409, why, null, null, null);
  }
}
