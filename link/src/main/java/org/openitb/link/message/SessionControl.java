// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Messages that open and close a session; the endpoints handle them, never the pump's request handler. */
public sealed interface SessionControl extends Message
    permits SessionHello, SessionChallenge, SessionResponse, SessionAccept, SessionRefused, SessionClose {}
