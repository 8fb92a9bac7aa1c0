// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** The patient device asks what it may do now. */
public record PatientStatusRequest() implements PatientRequest {
  @Override
  public MessageType type() {
    return MessageType.PATIENT_STATUS_REQUEST;
  }
}
