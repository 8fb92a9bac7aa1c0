// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a pump's {@link FrameResponder} on the loopback interface only (never a network-facing
 * port: the link's security assumes proximity, which a LAN would not give). Each connection gets
 * its own thread; frames are passed to the responder one at a time, as a pump's single radio
 * would, so the responder needs no locking of its own.
 */
public final class TcpPumpServer implements AutoCloseable {
  /** Connections beyond this are closed at once; a pump talks to one programmer at a time. */
  public static final int MAX_CONNECTIONS = 4;
  /** A connection silent for this long is closed, so a stuck client cannot hold a slot. */
  public static final int IDLE_TIMEOUT_MILLIS = 10 * 60_000;

  private final ServerSocket server;
  private final FrameResponder responder;
  private final Object radio = new Object();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
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
        if (connections.size() >= MAX_CONNECTIONS) {
          socket.close();
          continue;
        }
        connections.add(socket);
        Thread.ofPlatform().daemon().name("link-tcp-conn-" + socket.getPort()).start(() -> serve(socket));
      } catch (IOException e) {
        // accept fails once the server socket is closed (the loop then ends) or transiently (it retries)
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Optional<byte[]> frame = FrameStreams.read(in);
        if (frame.isEmpty()) {
          return; // idle too long
        }
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

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections) {
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

}
