// SPDX-License-Identifier: Apache-2.0
/**
 * One immutable record per telemetry message, grouped by sealed interfaces that encode who may
 * send what: {@link org.openitb.link.message.ProgrammerRequest} (cannot change delivery),
 * {@link org.openitb.link.message.DeliveryChange} (clinician, armed session only),
 * {@link org.openitb.link.message.PatientRequest} and {@link org.openitb.link.message.Reply}.
 * Constructors validate every field against {@link org.openitb.link.message.WireLimits};
 * {@link org.openitb.link.message.MessageType} carries each type's metadata.
 */
package org.openitb.link.message;
