import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N streams at once and reads each to its end: the concurrent-streams measurement of
 * {@code bench/load.sh} ({@code wrk} cannot do it: it cuts streams still open when its duration ends and
 * counts them nowhere). A stream succeeds when its status is 200 and its body contains the expected end
 * marker; anything else (status, missing marker, exception, timeout) is an error. Prints one line in the
 * form of {@code post.lua}'s {@code RESULT}, durations measured from the moment each request was sent.
 *
 * <pre>java bench/load/StreamClient.java URL N BODY_FILE CONTENT_TYPE AUTH|- END_MARKER TIMEOUT_S</pre>
 */
public final class StreamClient {
  private StreamClient() {}

  public static void main(String[] a) throws Exception {
    if (a.length != 7) {
      System.err.println("usage: StreamClient URL N BODY_FILE CONTENT_TYPE AUTH|- END_MARKER TIMEOUT_S");
      System.exit(2);
    }
    URI uri = URI.create(a[0]);
    int n = Integer.parseInt(a[1]);
    byte[] body = Files.readAllBytes(Path.of(a[2]));
    String marker = a[5];
    Duration timeout = Duration.ofSeconds(Long.parseLong(a[6]));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("content-type", a[3]).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!a[4].equals("-")) {
      request.header("authorization", a[4]);
    }
    HttpRequest req = request.build();
    long[] micros = new long[n];
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger bad = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger timedOut = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      long start = System.nanoTime();
      all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((res, err) -> {
        long us = (System.nanoTime() - start) / 1000;
        if (err != null) {
          (err instanceof HttpTimeoutException || err.getCause() instanceof HttpTimeoutException ? timedOut : failed)
              .incrementAndGet();
        } else if (res.statusCode() != 200 || !res.body().contains(marker)) {
          bad.incrementAndGet();
        } else {
          micros[k] = us;
          ok.incrementAndGet();
        }
        return null;
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] done = Arrays.stream(micros).filter(v -> v > 0).sorted().toArray();
    System.out.printf("RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d connect=0 read=%d "
        + "write=0 timeout=%d non2xx=%d%n", ok.get(), seconds, ok.get() / seconds, pct(done, 50), pct(done, 99),
        done.length == 0 ? 0 : done[done.length - 1], failed.get(), timedOut.get(), bad.get());
    System.exit(0);
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
