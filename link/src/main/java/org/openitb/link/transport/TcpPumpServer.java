// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a pump's {@link FrameResponder} on the loopback interface only (never a network-facing
 * port: the link's security assumes proximity, which a LAN would not give). Each connection gets
 * its own thread; frames are passed to the responder one at a time, as a pump's single radio
 * would, so the responder needs no locking of its own.
 */
public final class TcpPumpServer implements AutoCloseable {
  /**
   * Connections served at once. A new connection beyond this closes one to make room: the oldest
   * connection that never sent a frame, else the one quiet longest. So idle or stuck clients can
   * never keep a programmer out, and idle ones go before one that is talking.
   */
  public static final int MAX_CONNECTIONS = 4;
  /** A connection silent for this long is closed. */
  public static final int IDLE_TIMEOUT_MILLIS = 10 * 60_000;
  /** A connection that sends no first frame within this is closed. */
  public static final int FIRST_FRAME_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final FrameResponder responder;
  private final Object radio = new Object();
  /** Open connections and their last activity. */
  private final Map<Socket, Activity> connections = new ConcurrentHashMap<>();
  private final AtomicLong ticks = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private TcpPumpServer(ServerSocket server, FrameResponder responder) {
    this.server = server;
    this.responder = responder;
    this.acceptor = Thread.ofPlatform().daemon().name("link-tcp-accept-" + server.getLocalPort()).unstarted(this::acceptLoop);
  }

  /** Starts serving on loopback {@code port} (0 picks a free port; see {@link #port()}). */
  public static TcpPumpServer start(FrameResponder responder, int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      TcpPumpServer s = new TcpPumpServer(server, responder);
      s.acceptor.start();
      return s;
    } catch (IOException e) {
      throw new TransportException("cannot listen on loopback port " + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        while (connections.size() >= MAX_CONNECTIONS) {
          evictQuietest();
        }
        connections.put(socket, new Activity(ticks.incrementAndGet(), false));
        Thread.ofPlatform().daemon().name("link-tcp-conn-" + socket.getPort()).start(() -> serve(socket));
      } catch (IOException e) {
        // accept fails once the server socket is closed (the loop then ends) or transiently (it retries)
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(FIRST_FRAME_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Optional<byte[]> frame = FrameStreams.read(in);
        if (frame.isEmpty()) {
          return; // idle too long
        }
        socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        connections.replace(socket, new Activity(ticks.incrementAndGet(), true));
        Optional<byte[]> reply;
        synchronized (radio) {
          reply = responder.onFrame(frame.get());
        }
        if (reply.isPresent()) {
          FrameStreams.write(out, reply.get());
        }
      }
    } catch (IOException | TransportException e) {
      // the peer went away or sent an oversized frame: drop this connection, keep serving others
    } finally {
      connections.remove(socket);
    }
  }

  /** Number of connections being served (for tests and diagnostics). */
  public int connectionCount() {
    return connections.size();
  }

  private void evictQuietest() {
    Socket quietest = null;
    Activity oldest = null;
    for (Map.Entry<Socket, Activity> e : connections.entrySet()) {
      if (oldest == null || e.getValue().quieterThan(oldest)) {
        oldest = e.getValue();
        quietest = e.getKey();
      }
    }
    if (quietest == null) {
      return;
    }
    connections.remove(quietest);
    try {
      quietest.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections.keySet()) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      acceptor.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** When a connection was last heard from ({@code tick} rises with every event), and whether it ever sent a frame. */
  private record Activity(long tick, boolean framed) {
    boolean quieterThan(Activity other) {
      return framed != other.framed ? !framed : tick < other.tick;
    }
  }
}
