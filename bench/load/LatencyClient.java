import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;

/**
 * Closed-loop latency of one fixed HTTP/1.1 POST: the latency rows of {@code bench/load.sh}. C connections,
 * each on its own platform thread with a blocking keep-alive {@link Socket} (TCP_NODELAY), send the same request
 * bytes back to back and read every response to its end (status line, headers, then {@code content-length} bytes
 * or the chunks up to the last one, or to the close); the time of each request, from the first byte written to the
 * last byte read ({@link System#nanoTime()}), goes into a preallocated array. A warm-up of W seconds runs first in
 * the same process (the client's own JIT), then all connections start the measured D seconds together.
 *
 * <p>Why not {@code wrk}: on the project's 2-core machine its latency figures were impossible (at c=1, 11,900 req/s,
 * a mean interval of 84 us, yet an average latency of 0.87 ms), while its request count is right.
 *
 * <p>Prints one line in the form of {@code post.lua}'s {@code RESULT}: requests, seconds, rps, p50_us, p99_us,
 * max_us, and the errors: connect (cannot connect), read (the connection broke or closed mid-response, or a reply
 * it cannot parse), write, timeout (no byte for 20 s), non2xx (any status but 200). After an error the connection is
 * opened anew. Exits 1 when no request succeeded.
 *
 * <pre>java bench/load/LatencyClient.java URL CONNS SECONDS WARMUP_S BODY_FILE CONTENT_TYPE AUTH|-</pre>
 */
public final class LatencyClient {
  private static final int READ_TIMEOUT_MS = 20_000;

  private LatencyClient() {}

  public static void main(String[] a) throws Exception {
    if (a.length != 7) {
      System.err.println("usage: LatencyClient URL CONNS SECONDS WARMUP_S BODY_FILE CONTENT_TYPE AUTH|-");
      System.exit(2);
    }
    URI uri = URI.create(a[0]);
    int conns = Integer.parseInt(a[1]);
    double seconds = Double.parseDouble(a[2]);
    double warmup = Double.parseDouble(a[3]);
    byte[] body = Files.readAllBytes(Path.of(a[4]));
    InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    byte[] request = request(uri, a[5], a[6].equals("-") ? null : a[6], body);

    Worker[] workers = new Worker[conns];
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1 << 16, (long) (seconds * 200_000 / conns)));
    CyclicBarrier measuredStart = new CyclicBarrier(conns + 1);
    for (int i = 0; i < conns; i++) {
      workers[i] = new Worker(address, request, capacity, measuredStart, warmup, seconds);
    }
    Thread[] threads = new Thread[conns];
    for (int i = 0; i < conns; i++) {
      threads[i] = Thread.ofPlatform().name("conn-" + i).start(workers[i]);
    }
    measuredStart.await(); // every worker has warmed up and is about to send its first measured request
    long t0 = System.nanoTime();
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;

    int total = 0;
    long connect = 0;
    long read = 0;
    long write = 0;
    long timeout = 0;
    long non2xx = 0;
    for (Worker w : workers) {
      total += w.count;
      connect += w.errors.connect;
      read += w.errors.read;
      write += w.errors.write;
      timeout += w.errors.timeout;
      non2xx += w.errors.non2xx;
    }
    long[] all = new long[total];
    int at = 0;
    for (Worker w : workers) {
      System.arraycopy(w.nanos, 0, all, at, w.count);
      at += w.count;
    }
    Arrays.sort(all);
    System.out.printf("RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d connect=%d read=%d "
        + "write=%d timeout=%d non2xx=%d%n", total, elapsed, total / elapsed, pct(all, 50) / 1000,
        pct(all, 99) / 1000, total == 0 ? 0 : all[total - 1] / 1000, connect, read, write, timeout, non2xx);
    System.exit(total == 0 ? 1 : 0);
  }

  /** {@code BENCH_HEADERS}: a file of {@code name: value} lines that each request carries (the direct leg's identity headers). */
  private static String extraHeaders() throws IOException {
    String file = System.getenv().getOrDefault("BENCH_HEADERS", "");
    return file.isBlank() ? "" : Files.readString(Path.of(file)).strip().replace("\n", "\r\n") + "\r\n";
  }

  private static byte[] request(URI uri, String contentType, String auth, byte[] body) throws IOException {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n"
        + (auth == null ? "" : "Authorization: " + auth + "\r\n") + extraHeaders() + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Error counts of one connection, by kind. */
  static final class Errors {
    long connect;
    long read;
    long write;
    long timeout;
    long non2xx;
  }

  /** One connection's closed loop: warm-up, then the measured run; owned by its one thread. */
  static final class Worker implements Runnable {
    private final InetSocketAddress address;
    private final byte[] request;
    private final CyclicBarrier measuredStart;
    private final double warmup;
    private final double seconds;
    private final Response response = new Response();
    final Errors errors = new Errors();
    long[] nanos;
    int count;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Worker(InetSocketAddress address, byte[] request, int capacity, CyclicBarrier measuredStart, double warmup,
        double seconds) {
      this.address = address;
      this.request = request;
      this.nanos = new long[capacity];
      this.measuredStart = measuredStart;
      this.warmup = warmup;
      this.seconds = seconds;
    }

    @Override
    public void run() {
      try {
        loop(System.nanoTime() + (long) (warmup * 1e9), new Errors(), false);
        measuredStart.await();
        loop(System.nanoTime() + (long) (seconds * 1e9), errors, true);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        close();
      }
    }

    private void loop(long deadline, Errors errs, boolean record) throws InterruptedException {
      while (System.nanoTime() - deadline < 0) {
        if (socket == null && !open(errs)) {
          Thread.sleep(10); // cannot connect: try again shortly, without spinning
          continue;
        }
        long start = System.nanoTime();
        try {
          out.write(request);
        } catch (IOException e) {
          errs.write++;
          close();
          continue;
        }
        try {
          int status = response.read(in);
          long took = System.nanoTime() - start;
          if (status != 200) {
            errs.non2xx++;
          } else if (record) {
            if (count == nanos.length) {
              nanos = Arrays.copyOf(nanos, nanos.length * 2);
            }
            nanos[count++] = took;
          }
          if (response.closes) {
            close();
          }
        } catch (SocketTimeoutException e) {
          errs.timeout++;
          close();
        } catch (IOException e) {
          errs.read++;
          close();
        }
      }
    }

    private boolean open(Errors errs) {
      try {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.connect(address, READ_TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        return true;
      } catch (IOException e) {
        errs.connect++;
        close();
        return false;
      }
    }

    private void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a broken connection: nothing to do
        }
      }
      socket = null;
      in = null;
      out = null;
      response.reset();
    }
  }

  /** Reads one HTTP/1.1 response to its end from a blocking stream, through its own buffer. */
  static final class Response {
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private final StringBuilder line = new StringBuilder(128);
    /** Whether the server closes the connection after this response. */
    boolean closes;

    /** Forgets buffered bytes: the connection they came from is gone. */
    void reset() {
      pos = 0;
      lim = 0;
    }

    /** Reads one whole response; returns its status. Throws IOException on a broken or unparsable reply. */
    int read(InputStream in) throws IOException {
      String statusLine = line(in);
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.x status line");
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      closes = statusLine.startsWith("HTTP/1.0");
      long length = -1;
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new IOException("bad header line");
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
          chunked = value.toLowerCase().contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
          closes = value.equalsIgnoreCase("close");
        }
      }
      if (chunked) {
        for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
          skip(in, size);
          if (!line(in).isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
          }
        }
        while (!line(in).isEmpty()) {
          // trailers: read and ignored
        }
      } else if (length >= 0) {
        skip(in, length);
      } else if (status != 204 && status != 304 && status >= 200) {
        while (fill(in)) { // no framing: the body ends with the connection
          pos = lim;
        }
        closes = true;
      }
      return status;
    }

    private static long chunkSize(String s) throws IOException {
      int semi = s.indexOf(';');
      try {
        return Long.parseLong((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size");
      }
    }

    private String line(InputStream in) throws IOException {
      line.setLength(0);
      while (true) {
        if (pos == lim && !fill(in)) {
          throw new IOException("connection closed mid-response");
        }
        byte b = buf[pos++];
        if (b == '\n') {
          int n = line.length();
          if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
          }
          return line.toString();
        }
        line.append((char) (b & 0xff));
      }
    }

    private void skip(InputStream in, long n) throws IOException {
      while (n > 0) {
        if (pos == lim && !fill(in)) {
          throw new IOException("connection closed mid-body");
        }
        int k = (int) Math.min(n, lim - pos);
        pos += k;
        n -= k;
      }
    }

    private boolean fill(InputStream in) throws IOException {
      int r = in.read(buf, 0, buf.length);
      if (r <= 0) {
        return false;
      }
      pos = 0;
      lim = r;
      return true;
    }
  }
}
