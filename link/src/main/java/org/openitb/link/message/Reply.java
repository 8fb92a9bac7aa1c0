// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.message;

/** What the pump answers to a {@link Request}: the matching report or acknowledgement, or an {@link ErrorReply}. */
public sealed interface Reply extends Message
    permits StatusReport, TherapyReport, EventsPage, TherapyPreview, CommitAck, CommandAck,
        PatientStatusReport, PatientBolusReply, ErrorReply {}
