// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * A device-side transport to a virtual pump served on loopback by {@link TcpPumpServer}: frames
 * prefixed by a 16-bit length, bounded in size. {@link #receive} waits at most the receive
 * timeout, so a silent pump never hangs the caller.
 */
public final class TcpTransport implements Transport {
  public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(2);
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private TcpTransport(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to a pump on this machine's loopback interface. */
  public static TcpTransport connect(int port, Duration receiveTimeout) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout((int) Math.max(1, receiveTimeout.toMillis()));
      return new TcpTransport(socket);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the connect failure is what the caller needs to see
      }
      throw new TransportException("cannot connect to pump on loopback port " + port + ": " + e.getMessage(), e);
    }
  }

  public static TcpTransport connect(int port) {
    return connect(port, DEFAULT_RECEIVE_TIMEOUT);
  }

  @Override
  public void send(byte[] frame) {
    try {
      FrameStreams.write(out, frame);
    } catch (IOException e) {
      throw new TransportException("send failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> receive() {
    try {
      return FrameStreams.read(in);
    } catch (IOException e) {
      throw new TransportException("receive failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new TransportException("close failed: " + e.getMessage(), e);
    }
  }
}
