// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

/**
 * What a device's session cost on the air so far: frames and bytes each way (whole frames,
 * headers and tags included) and round trips (frames sent that waited for an answer,
 * retransmissions included). The pump's battery pays per byte.
 */
public record LinkStats(int roundTrips, int framesSent, long bytesSent, int framesReceived, long bytesReceived) {
  public long totalBytes() {
    return bytesSent + bytesReceived;
  }

  /** The cost between {@code before} and this. */
  public LinkStats minus(LinkStats before) {
    return new LinkStats(
        roundTrips - before.roundTrips, framesSent - before.framesSent, bytesSent - before.bytesSent,
        framesReceived - before.framesReceived, bytesReceived - before.bytesReceived);
  }
}
