// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** A request a device sends to the pump inside an open session; the pump answers each with one {@link Reply}. */
public sealed interface Request extends Message permits ProgrammerRequest, DeliveryChange, PatientRequest {}
