// SPDX-License-Identifier: Apache-2.0
/**
 * Frame carriers that neither read nor trust what they carry: in-memory (deterministic, with
 * seeded fault injection, for the simulator and tests) and length-prefixed TCP on loopback (a
 * virtual pump served by {@link org.openitb.link.transport.TcpPumpServer}).
 */
package org.openitb.link.transport;
