// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * The pump refused a request and changed nothing. {@code field} names the offending field (empty
 * when none) and {@code detail} gives the value and the allowed range (DESIGN.md invariant 9).
 */
public record ErrorReply(ErrorCode code, String field, String detail) implements Reply {
  public ErrorReply {
    Check.text("field", field, 0, WireLimits.MAX_ERROR_FIELD_CHARS);
    Check.text("detail", detail, 0, WireLimits.MAX_ERROR_DETAIL_CHARS);
  }

  /**
   * Builds a reply from any text (e.g. an exception message): non-printable characters become
   * '?' and both strings are cut to their limits, so a firmware refusal can never fail to encode.
   */
  public static ErrorReply of(ErrorCode code, String field, String detail) {
    return new ErrorReply(code, clean(field, WireLimits.MAX_ERROR_FIELD_CHARS), clean(detail, WireLimits.MAX_ERROR_DETAIL_CHARS));
  }

  private static String clean(String s, int max) {
    String text = s == null ? "" : s;
    StringBuilder b = new StringBuilder(Math.min(text.length(), max));
    text.codePoints().limit(max).forEach(c -> b.append(Check.isPrintable(c) ? (char) c : '?'));
    return b.toString();
  }

  @Override
  public MessageType type() {
    return MessageType.ERROR_REPLY;
  }
}
