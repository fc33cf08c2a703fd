package dev.customtasks.e2e.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP proxy that the controllers talk to the API server through, so a test can cut
 * every connection at once and refuse new ones for a while, as a broken network would, without
 * touching the server (the embedded server keeps its objects only in memory).
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tcp-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Instant refuseUntil = Instant.MIN;
  private volatile boolean closed;

  TcpProxy(InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    pumps.execute(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Closes every open connection and refuses new ones for {@code outage}. */
  void cut(Duration outage) {
    refuseUntil = Instant.now().plus(outage);
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (Instant.now().isBefore(refuseUntil)) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        open.add(client);
        open.add(server);
        pumps.execute(() -> pump(client, server));
        pumps.execute(() -> pump(server, client));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side went away, or the test cut the connection
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    open.forEach(TcpProxy::closeQuietly);
    pumps.shutdownNow();
  }
}
