// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.util.ArrayDeque;
import java.util.Optional;
import org.openitb.link.message.Direction;
import org.openitb.link.message.WireLimits;

/**
 * Transports inside one process, for the simulator and tests. Deterministic and single-threaded:
 * {@link #serving} hands each frame to the pump at once (as the implant's radio interrupt would)
 * and queues the reply; {@link #pair} gives two queue-connected ends for callers that drive both
 * sides themselves. {@code receive} never waits: an empty queue means the frame was lost.
 */
public final class InMemoryTransport implements Transport {
  /** A radio buffer holds a few frames; beyond that new frames are lost, so memory stays bounded. */
  public static final int MAX_QUEUED_FRAMES = 64;

  private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
  private final Direction outgoing;
  private final FrameFault faults;
  private final Counters counters;
  private InMemoryTransport peer;
  private FrameResponder responder;
  private boolean closed;

  private InMemoryTransport(Direction outgoing, FrameFault faults, Counters counters) {
    this.outgoing = outgoing;
    this.faults = faults;
    this.counters = counters;
  }

  /** A device-side transport whose frames go straight to {@code pump}, through {@code faults}. */
  public static InMemoryTransport serving(FrameResponder pump, FrameFault faults) {
    InMemoryTransport device = new InMemoryTransport(Direction.TO_PUMP, faults, new Counters());
    device.responder = pump;
    return device;
  }

  public static InMemoryTransport serving(FrameResponder pump) {
    return serving(pump, FrameFaults.none());
  }

  /** Two connected ends: frames sent on one arrive (through {@code faults}) at the other. */
  public static Pair pair(FrameFault faults) {
    Counters counters = new Counters();
    InMemoryTransport device = new InMemoryTransport(Direction.TO_PUMP, faults, counters);
    InMemoryTransport pump = new InMemoryTransport(Direction.FROM_PUMP, faults, counters);
    device.peer = pump;
    pump.peer = device;
    return new Pair(device, pump);
  }

  public static Pair pair() {
    return pair(FrameFaults.none());
  }

  /** The device end and the pump end of a {@link #pair}. */
  public record Pair(InMemoryTransport deviceEnd, InMemoryTransport pumpEnd) {}

  @Override
  public void send(byte[] frame) {
    if (closed) {
      throw new TransportException("transport closed");
    }
    if (frame.length > WireLimits.MAX_FRAME_BYTES) {
      throw new TransportException("frame of " + frame.length + " bytes exceeds " + WireLimits.MAX_FRAME_BYTES);
    }
    Optional<byte[]> delivered = faults.apply(outgoing, counters.next(outgoing), frame.clone());
    if (delivered.isEmpty()) {
      return;
    }
    if (responder != null) {
      Optional<byte[]> reply = responder.onFrame(delivered.get());
      reply.flatMap(r -> faults.apply(Direction.FROM_PUMP, counters.next(Direction.FROM_PUMP), r.clone())).ifPresent(this::enqueue);
    } else if (peer != null && !peer.closed) {
      peer.enqueue(delivered.get());
    }
  }

  @Override
  public Optional<byte[]> receive() {
    return Optional.ofNullable(inbox.pollFirst());
  }

  @Override
  public void close() {
    closed = true;
    inbox.clear();
  }

  private void enqueue(byte[] frame) {
    if (inbox.size() < MAX_QUEUED_FRAMES) {
      inbox.addLast(frame);
    }
  }

  /** Frame counters per direction, shared by both ends of a pair so fault indices are global. */
  private static final class Counters {
    private long toPump;
    private long fromPump;

    long next(Direction d) {
      return d == Direction.TO_PUMP ? toPump++ : fromPump++;
    }
  }
}
