// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

/** Counts a device session's frames and bytes; {@link #snapshot()} gives the immutable {@link LinkStats}. */
final class StatsCounter {
  private int roundTrips;
  private int framesSent;
  private long bytesSent;
  private int framesReceived;
  private long bytesReceived;

  void sent(int bytes, boolean awaitsAnswer) {
    framesSent++;
    bytesSent += bytes;
    if (awaitsAnswer) {
      roundTrips++;
    }
  }

  void received(int bytes) {
    framesReceived++;
    bytesReceived += bytes;
  }

  LinkStats snapshot() {
    return new LinkStats(roundTrips, framesSent, bytesSent, framesReceived, bytesReceived);
  }
}
