// SPDX-License-Identifier: Apache-2.0
/**
 * Fixed big-endian body layouts of PROTOCOL.md section 4. {@link org.openitb.link.codec.MessageCodec}
 * is the only public entry; decoders accept any bytes and fail only with
 * {@link org.openitb.link.codec.MalformedMessageException}.
 */
package org.openitb.link.codec;
