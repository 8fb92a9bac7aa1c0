// SPDX-License-Identifier: Apache-2.0
/**
 * The telemetry link between an implanted pump and its programmers: fixed binary messages
 * ({@code message}), their codec ({@code codec}), device credentials and the failed-authentication
 * rate limiter ({@code security}), authenticated encrypted sessions for both ends ({@code session})
 * and frame transports ({@code transport}). The specification is {@code link/PROTOCOL.md}.
 */
package org.openitb.link;
