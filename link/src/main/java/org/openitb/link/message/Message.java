// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * One telemetry message: an immutable record whose constructor has already checked every field
 * against {@link WireLimits}, so any message that exists can be encoded. Its {@link #type()}
 * carries the metadata (code, direction, roles, whether it changes delivery).
 */
public sealed interface Message permits SessionControl, Request, Reply {
  MessageType type();
}
