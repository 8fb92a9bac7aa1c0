// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** Sounds the alarm tones once so the patient learns them. */
public record AlarmTest() implements ProgrammerRequest {
  @Override
  public MessageType type() {
    return MessageType.ALARM_TEST;
  }
}
