// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import org.openitb.link.Role;
import org.openitb.link.message.Reply;
import org.openitb.link.message.Request;

/**
 * The firmware's side of the link. The endpoint calls it only with requests that arrived in an
 * authenticated session, were not replays, and are permitted for the session's role. The handler
 * still validates every value against its device model and drug limits (the pump is the last
 * line of defence) and answers with the request's reply type or an
 * {@link org.openitb.link.message.ErrorReply}.
 */
@FunctionalInterface
public interface PumpRequestHandler {
  Reply handle(Request request, Role role, String deviceId);

  /**
   * As {@link #handle(Request, Role, String)}, with the session binding a command co-signature
   * must cover (link/PROTOCOL.md 8.10). The endpoint calls this one; a handler that checks
   * co-signed commands overrides it.
   */
  default Reply handle(Request request, Role role, String deviceId, RequestContext context) {
    return handle(request, role, deviceId);
  }
}
