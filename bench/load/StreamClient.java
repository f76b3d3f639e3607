import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens N streams at once and reads each to its end: the concurrent-streams measurement of
 * {@code bench/load.sh} ({@code wrk} cannot do it: it cuts streams still open when its duration ends and
 * counts them nowhere). A stream succeeds when its status is 200 and its body contains the expected end
 * marker; anything else (status, missing marker, broken connection, timeout) is an error. Prints one line in
 * the form of {@code post.lua}'s {@code RESULT}, each duration measured from the moment its request was
 * written to the last byte of its response.
 *
 * <p>Cheap on purpose, so the client is not what a run measures: one thread and one selector, non-blocking
 * channels, one shared read buffer; the bytes are discarded while the HTTP/1.1 framing is followed
 * ({@code content-length}, chunked up to its last chunk, or the close) and the body is scanned for the marker.
 * Connects are paced: at most {@value #MAX_UNANSWERED} streams are waiting for their first response byte, so the
 * server's listen backlog (4,096; a connection not yet accepted has had no answer) never overflows, while a server
 * slow to answer still gets nearly all streams at once. How long the openings took and how many streams were open
 * at once at most are printed on stderr. A stream times out
 * TIMEOUT_S after its connect began.
 *
 * <p>Errors in the RESULT line: connect (the connect failed), read (the connection broke or closed before the
 * response ended, or the response could not be parsed), write, timeout, non2xx (a status other than 200, or a
 * 200 without the marker).
 *
 * <pre>java bench/load/StreamClient.java URL N BODY_FILE CONTENT_TYPE AUTH|- END_MARKER TIMEOUT_S</pre>
 */
public final class StreamClient {
  static final int MAX_UNANSWERED = 3072;
  /** When the last request so far was written; the selector thread's alone, as are the two counts below. */
  private static long lastWritten;
  /** Streams ended, with or without success. */
  private static int finished;
  /** Streams connecting or waiting for their first response byte. */
  private static int unanswered;

  private StreamClient() {}

  public static void main(String[] a) throws Exception {
    if (a.length != 7) {
      System.err.println("usage: StreamClient URL N BODY_FILE CONTENT_TYPE AUTH|- END_MARKER TIMEOUT_S");
      System.exit(2);
    }
    URI uri = URI.create(a[0]);
    int n = Integer.parseInt(a[1]);
    byte[] body = Files.readAllBytes(Path.of(a[2]));
    byte[] marker = a[5].getBytes(StandardCharsets.UTF_8);
    long timeoutNanos = Long.parseLong(a[6]) * 1_000_000_000L;
    InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    byte[] request = request(uri, a[3], a[4].equals("-") ? null : a[4], body);

    Stream[] streams = new Stream[n];
    long[] micros = new long[n];
    int[] errors = new int[Outcome.values().length];
    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    byte[] bytes = new byte[buf.capacity()];
    int launched = 0;
    int peakOpen = 0;
    long t0 = System.nanoTime();
    long hardEnd = t0 + timeoutNanos + 30_000_000_000L;
    long lastSweep = t0;
    try (Selector selector = Selector.open()) {
      while (finished < n) {
        long now = System.nanoTime();
        while (launched < n && unanswered < MAX_UNANSWERED) {
          Stream s = new Stream(launched, new ResponseScanner(marker), now);
          streams[launched++] = s;
          unanswered++;
          try {
            s.channel = SocketChannel.open();
            s.channel.configureBlocking(false);
            s.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.out = ByteBuffer.wrap(request);
            boolean connected = s.channel.connect(address);
            s.channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, s);
          } catch (IOException e) {
            s.outcome = Outcome.CONNECT;
          }
          if (s.outcome != null) {
            unanswered--;
            finished += finish(s, micros, errors);
          }
        }
        peakOpen = Math.max(peakOpen, launched - finished);
        // select(action): the ready keys come straight to the action, without the selected-key HashSet, whose
        // iteration costs its capacity (grown to N by the first burst of openings), not its size, on every select.
        selector.select(key -> {
          Stream s = (Stream) key.attachment();
          boolean wasUnanswered = !s.answered;
          step(s, key, buf, bytes);
          if (wasUnanswered && (s.answered || s.outcome != null)) {
            unanswered--;
          }
          if (s.outcome != null) {
            finished += finish(s, micros, errors);
          }
        }, 100);
        now = System.nanoTime();
        if (now - lastSweep < 100_000_000L) {
          continue;
        }
        lastSweep = now;
        boolean late = now - hardEnd > 0;
        for (int i = 0; i < launched; i++) { // N checks every 100 ms: cheap next to the I/O
          Stream s = streams[i];
          if (s.outcome == null && (late || now - s.connectStart > timeoutNanos)) {
            if (!s.answered) {
              unanswered--;
            }
            s.outcome = Outcome.TIMEOUT;
            finished += finish(s, micros, errors);
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf("streams: %d requests written within %.3f s of the first connect; at most %d open at once%n",
        n, lastWritten == 0 ? 0 : (lastWritten - t0) / 1e9, peakOpen);
    long[] done = Arrays.stream(micros).filter(v -> v > 0).sorted().toArray();
    // Where a long stream lost its time: before its first byte (the server opening it) or after (pacing).
    long[] first = Arrays.stream(streams).filter(s -> s != null && s.firstByte != 0 && s.written != 0)
        .mapToLong(s -> (s.firstByte - s.written) / 1000).sorted().toArray();
    System.err.printf("streams: first byte after the request p50 %.3f s, p99 %.3f s, max %.3f s%n",
        pct(first, 50) / 1e6, pct(first, 99) / 1e6, first.length == 0 ? 0 : first[first.length - 1] / 1e6);
    System.out.printf("RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d connect=%d read=%d "
        + "write=%d timeout=%d non2xx=%d%n", done.length, seconds, done.length / seconds, pct(done, 50),
        pct(done, 99), done.length == 0 ? 0 : done[done.length - 1], errors[Outcome.CONNECT.ordinal()],
        errors[Outcome.READ.ordinal()], errors[Outcome.WRITE.ordinal()], errors[Outcome.TIMEOUT.ordinal()],
        errors[Outcome.NON2XX.ordinal()]);
    System.exit(0);
  }

  /** Advances one stream on its ready key: connect, write the request, or read what arrived. */
  private static void step(Stream s, SelectionKey key, ByteBuffer buf, byte[] bytes) {
    try {
      if (key.isConnectable()) {
        s.channel.finishConnect();
        key.interestOps(SelectionKey.OP_WRITE);
      }
      if (key.isValid() && key.isWritable()) {
        s.channel.write(s.out);
        if (!s.out.hasRemaining()) {
          s.written = System.nanoTime();
          lastWritten = s.written;
          key.interestOps(SelectionKey.OP_READ);
        }
        return;
      }
      if (key.isValid() && key.isReadable()) {
        buf.clear();
        int r = s.channel.read(buf);
        if (r < 0) {
          s.outcome = s.scanner.endOfInput() ? s.scanner.outcome() : Outcome.READ;
          return;
        }
        if (!s.answered) {
          s.answered = true;
          s.firstByte = System.nanoTime();
        }
        buf.flip();
        buf.get(bytes, 0, r);
        if (s.scanner.accept(bytes, 0, r)) {
          s.outcome = s.scanner.outcome();
        }
      }
    } catch (IOException e) {
      s.outcome = !s.channel.isConnected() ? Outcome.CONNECT : s.written == 0 ? Outcome.WRITE : Outcome.READ;
    } catch (IllegalStateException | NumberFormatException e) { // a reply the scanner cannot parse
      s.outcome = Outcome.READ;
    }
  }

  /** Records a finished stream, closes its channel; returns 1 (one more stream finished). */
  private static int finish(Stream s, long[] micros, int[] errors) {
    if (s.outcome == Outcome.OK) {
      micros[s.index] = Math.max(1, (System.nanoTime() - s.written) / 1000);
    } else {
      errors[s.outcome.ordinal()]++;
    }
    if (s.channel != null) {
      try {
        s.channel.close(); // also cancels its key
      } catch (IOException ignored) {
        // the stream is over either way
      }
    }
    s.scanner = null;
    return 1;
  }

  /** {@code BENCH_HEADERS}: a file of {@code name: value} lines that each stream carries (the direct leg's identity headers). */
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

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** How a stream ended; every value but OK is an error kind of the RESULT line. */
  enum Outcome { OK, CONNECT, READ, WRITE, TIMEOUT, NON2XX }

  /** One stream's state; touched only by the selector thread. */
  static final class Stream {
    final int index;
    final long connectStart;
    ResponseScanner scanner;
    SocketChannel channel;
    ByteBuffer out;
    long written;
    long firstByte;
    boolean answered;
    Outcome outcome;

    Stream(int index, ResponseScanner scanner, long connectStart) {
      this.index = index;
      this.scanner = scanner;
      this.connectStart = connectStart;
    }
  }

  /**
   * Follows one HTTP/1.1 response fed in pieces: the head (status, {@code content-length},
   * {@code transfer-encoding: chunked}), then the body's framing up to its end, while matching the end marker in the
   * body's data (across piece and chunk boundaries; Knuth-Morris-Pratt). Discards everything else.
   */
  static final class ResponseScanner {
    private enum State { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, BODY, UNTIL_CLOSE, DONE }

    private final byte[] marker;
    private final int[] fail;
    private int matched;
    private boolean found;
    private State state = State.HEAD;
    private final StringBuilder line = new StringBuilder(128);
    private int status;
    private long remaining = -1;
    private boolean chunked;

    ResponseScanner(byte[] marker) {
      this.marker = marker;
      this.fail = new int[marker.length];
      for (int i = 1, k = 0; i < marker.length; i++) {
        while (k > 0 && marker[i] != marker[k]) {
          k = fail[k - 1];
        }
        if (marker[i] == marker[k]) {
          k++;
        }
        fail[i] = k;
      }
      this.found = marker.length == 0;
    }

    /** Feeds bytes; returns true when the response has ended. Throws IllegalStateException on a bad reply. */
    boolean accept(byte[] b, int off, int len) {
      int i = off;
      int end = off + len;
      while (i < end && state != State.DONE) {
        switch (state) {
          case HEAD, CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> {
            byte c = b[i++];
            if (c != '\n') {
              if (c != '\r') {
                line.append((char) (c & 0xff));
              }
              continue;
            }
            String l = line.toString();
            line.setLength(0);
            onLine(l);
          }
          case CHUNK_DATA, BODY -> {
            int k = (int) Math.min(remaining, end - i);
            scan(b, i, k);
            i += k;
            remaining -= k;
            if (remaining == 0) {
              state = state == State.BODY ? State.DONE : State.CHUNK_DATA_END;
            }
          }
          case UNTIL_CLOSE -> {
            scan(b, i, end - i);
            i = end;
          }
          default -> throw new IllegalStateException("unreachable");
        }
      }
      return state == State.DONE;
    }

    /** The connection closed: whether that ends the response properly (a body delimited by the close). */
    boolean endOfInput() {
      return state == State.UNTIL_CLOSE || state == State.DONE;
    }

    Outcome outcome() {
      return status == 200 && found ? Outcome.OK : Outcome.NON2XX;
    }

    private void onLine(String l) {
      switch (state) {
        case HEAD -> {
          if (status == 0) {
            if (!l.startsWith("HTTP/1.") || l.length() < 12) {
              throw new IllegalStateException("not an HTTP/1.x status line");
            }
            status = Integer.parseInt(l.substring(9, 12));
          } else if (l.isEmpty()) {
            state = chunked ? State.CHUNK_SIZE : remaining > 0 ? State.BODY : remaining == 0 ? State.DONE
                : State.UNTIL_CLOSE;
          } else {
            int colon = l.indexOf(':');
            String name = colon < 0 ? l : l.substring(0, colon).trim();
            String value = colon < 0 ? "" : l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
              remaining = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
              chunked = value.toLowerCase().contains("chunked");
            }
          }
        }
        case CHUNK_SIZE -> {
          int semi = l.indexOf(';');
          remaining = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
          state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        }
        case CHUNK_DATA_END -> {
          if (!l.isEmpty()) {
            throw new IllegalStateException("chunk not followed by CRLF");
          }
          state = State.CHUNK_SIZE;
        }
        case TRAILERS -> {
          if (l.isEmpty()) {
            state = State.DONE;
          }
        }
        default -> throw new IllegalStateException("unreachable");
      }
    }

    private void scan(byte[] b, int off, int len) {
      if (found) {
        return;
      }
      for (int i = off, end = off + len; i < end; i++) {
        while (matched > 0 && b[i] != marker[matched]) {
          matched = fail[matched - 1];
        }
        if (b[i] == marker[matched] && ++matched == marker.length) {
          found = true;
          return;
        }
      }
    }
  }
}
