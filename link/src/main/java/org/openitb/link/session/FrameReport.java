// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.util.Optional;
import org.openitb.link.message.MessageType;

/**
 * One line of the pump's security log: when, which device, whether that identity was proven
 * ({@code authenticated}; a refused hello carries only the id the sender claimed), the message
 * type when the header was readable, the verdict and a detail for forensics.
 */
public record FrameReport(
    long atMillis, String deviceId, boolean authenticated, Optional<MessageType> type, FrameVerdict verdict, String detail) {}
