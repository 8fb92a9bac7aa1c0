// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/**
 * A programmer request that cannot change delivery: reads, a therapy proposal (which only
 * previews), clearing alarms and the alarm test. An unarmed programmer session can send these.
 */
public sealed interface ProgrammerRequest extends Request
    permits StatusRequest, TherapyRead, EventsSince, ProposeTherapy, ClearAlarms, AlarmTest {}
