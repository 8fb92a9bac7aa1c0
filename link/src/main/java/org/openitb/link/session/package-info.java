// SPDX-License-Identifier: Apache-2.0
/**
 * Authenticated, encrypted sessions. The pump side is {@link org.openitb.link.session.PumpEndpoint}
 * (frames in, role-checked requests to the firmware's
 * {@link org.openitb.link.session.PumpRequestHandler}, sealed replies out, every frame reported to a
 * {@link org.openitb.link.session.LinkListener}). The device side is
 * {@link org.openitb.link.session.ProgrammerEndpoint}, which opens a
 * {@link org.openitb.link.session.ProgrammerSession} or {@link org.openitb.link.session.PatientSession};
 * only an {@link org.openitb.link.session.ArmedSession} can encode a delivery change.
 */
package org.openitb.link.session;
