// SPDX-License-Identifier: Apache-2.0
/**
 * Identities and trust: per-device Ed25519 credentials, the pump's trust list per role, the
 * device's list of paired pumps, and the failed-authentication rate limiter that protects the
 * implant's battery.
 */
package org.openitb.link.security;
