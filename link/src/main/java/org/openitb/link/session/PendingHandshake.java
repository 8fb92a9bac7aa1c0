// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.KeyPair;
import org.openitb.link.message.SessionHello;

/** A challenge the pump sent and awaits a response to; at most one exists, and it is used once. */
record PendingHandshake(SessionHello hello, byte[] helloFrame, byte[] challengeFrame, KeyPair ephemeral, long sessionId, long startedAt) {}
