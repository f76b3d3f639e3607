import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.sim.WarpSimulator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of bench/soak.sh: starts the Warp simulator in this JVM and the gateway jar as its own
 * process, then runs a mixed load for a bounded time: OpenAI, Anthropic and Responses streams and
 * whole answers, tool calls, clients that leave mid-stream, clients that read slowly, upstream
 * faults (5xx, cut streams, overload, a silent upstream, HTML pages) and admin changes (credentials
 * added and removed). It samples the gateway's RSS, file descriptors, threads and heap after a full
 * GC (jcmd), and at the end checks: every request answered within its bound (none lost), every
 * answer carried the marker of its own request and reached the simulator (none crossed or
 * invented), the file descriptors back near the baseline. Prints a report; exit status 1 when a
 * check fails.
 *
 * <p>Run: {@code java -cp gateway/target/warp2api.jar bench/soak/Soak.java --duration 600}
 * (bench/soak.sh does). Options: --duration SECONDS, --concurrency N, --out FILE, --java PATH.
 */
public final class Soak {
  private static final Pattern MARKER = Pattern.compile("soak-m(\\d+)-");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(4))
      .build();

  private final String base;
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Set<Long> answeredMarkers = ConcurrentHashMap.newKeySet();
  private final AtomicLong seq = new AtomicLong();
  private final LongAdder lost = new LongAdder();
  private final LongAdder crossed = new LongAdder();
  private final AtomicBoolean running = new AtomicBoolean(true);

  private Soak(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int duration = Integer.parseInt(opts.getOrDefault("duration", "600"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "24"));
    String jar = opts.getOrDefault("jar", "gateway/target/warp2api.jar");
    String java = opts.getOrDefault("java", "java");
    Path out = Path.of(opts.getOrDefault("out", "soak-report.txt"));

    Vertx vertx = Vertx.vertx();
    int simPort = freePort();
    WarpSimulator sim = WarpSimulator.start(
            vertx, SimConfig.defaults().withReply(6, Duration.ofMillis(40)), simPort)
        .await(10, TimeUnit.SECONDS);
    Path work = Files.createTempDirectory("w2a-soak");
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", Path.of(jar).toAbsolutePath().toString(), "serve")
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("gateway.log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("WARP_") || k.startsWith("W2A_") || k.equals("API_TOKEN"));
    env.put("WARP_PERSONAL_TOKENS", "soak-rt-one-0001,soak-rt-two-0002");
    env.put("WARP_SHARED_TOKENS", "soak-rt-three-0003");
    env.put("WARP_API_URL", sim.baseUrl() + "/ai/multi-agent");
    env.put("W2A_PORT", Integer.toString(port));
    env.put("W2A_STATE_DIR", "data");
    env.put("W2A_UPSTREAM_HEAD_TIMEOUT", "2s");
    env.put("W2A_UPSTREAM_BUDGET", "6s");
    env.put("W2A_KEEPALIVE", "1s");
    env.put("W2A_MAX_WAIT", "2s");
    Process gateway = pb.start();
    long pid = gateway.pid();
    Soak soak = new Soak("http://127.0.0.1:" + port);
    StringBuilder report = new StringBuilder();
    boolean passed = false;
    try {
      soak.awaitHealthy(gateway);
      report.append("soak: ").append(duration).append(" s, ").append(concurrency)
          .append(" clients, gateway pid ").append(pid).append(", -Xmx256m, started ")
          .append(Instant.now()).append('\n');
      report.append("sample  seconds  rss_mib  heap_after_gc_mib  fds  threads  requests\n");
      Sample first = null;
      ExecutorService workers = Executors.newFixedThreadPool(concurrency + 2);
      for (int i = 0; i < concurrency; i++) {
        workers.submit(soak::clientLoop);
      }
      workers.submit(() -> soak.faultLoop(sim));
      workers.submit(soak::adminLoop);
      // The simulator keeps only its last 10,000 requests: its requests are collected as they come.
      Set<Long> seenBySim = ConcurrentHashMap.newKeySet();
      Thread collector = new Thread(() -> collect(sim, soak.running, seenBySim), "soak-sim-log");
      collector.start();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(duration);
      int n = 0;
      List<Sample> samples = new ArrayList<>();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        Sample s = Sample.of(pid, java, (System.nanoTime() - start) / 1_000_000_000, soak.total());
        samples.add(s);
        report.append(s.line(++n)).append('\n');
        System.out.println(s.line(n));
        if (first == null) {
          first = s;
        }
      }
      soak.running.set(false);
      workers.shutdown();
      workers.awaitTermination(60, TimeUnit.SECONDS);
      Thread.sleep(3_000); // idle: connections close, buffers go back
      Sample idle = Sample.of(pid, java, (System.nanoTime() - start) / 1_000_000_000, soak.total());
      report.append(idle.line(++n)).append("  (after the load stopped)\n");

      collector.join(30_000);
      long notAtSim = soak.answeredMarkers.stream().filter(m -> !seenBySim.contains(m)).count();
      report.append("\nrequests: ").append(soak.total()).append(", upstream requests at the simulator: ")
          .append(sim.requestCount()).append('\n');
      report.append("outcomes: ").append(new TreeMap<>(soak.outcomes)).append('\n');
      report.append("lost (no answer within 60 s): ").append(soak.lost.sum()).append('\n');
      report.append("answers carrying another request's marker: ").append(soak.crossed.sum()).append('\n');
      report.append("answered requests the simulator never saw: ").append(notAtSim).append('\n');
      Sample warm = samples.size() > 1 ? samples.get(1) : first;
      report.append("fds: after the first 30 s ").append(first.fds).append(", at 60 s ")
          .append(warm.fds).append(", idle at the end ").append(idle.fds).append('\n');
      boolean ok = soak.lost.sum() == 0 && soak.crossed.sum() == 0 && notAtSim == 0
          && idle.fds <= first.fds + 20;
      report.append(ok ? "PASS\n" : "FAIL\n");
      Files.writeString(out, report.toString());
      System.out.print(report);
      passed = ok;
    } finally {
      gateway.destroy();
      gateway.waitFor(20, TimeUnit.SECONDS);
      gateway.destroyForcibly();
      sim.close();
      vertx.close();
    }
    // After the finally block: System.exit inside the try skipped it and left the gateway running.
    System.exit(passed ? 0 : 1);
  }

  private long total() {
    return seq.get();
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  private void clientLoop() {
    while (running.get()) {
      long id = seq.incrementAndGet();
      String marker = "soak-m" + id + "-";
      int pick = ThreadLocalRandom.current().nextInt(100);
      try {
        if (pick < 25) {
          stream("/v1/chat/completions", openAi(marker, true), marker, "openai_stream", 0, false);
        } else if (pick < 40) {
          whole("/v1/chat/completions", openAi(marker, false), marker, "openai_whole");
        } else if (pick < 55) {
          stream("/v1/messages", anthropic(marker, true), marker, "anthropic_stream", 0, false);
        } else if (pick < 62) {
          whole("/v1/messages", anthropic(marker, false), marker, "anthropic_whole");
        } else if (pick < 72) {
          stream("/v1/responses", responses(marker), marker, "responses_stream", 0, false);
        } else if (pick < 86) {
          stream("/v1/chat/completions", openAi(marker, true), marker, "client_left", 0, true);
        } else {
          stream("/v1/messages", anthropic(marker, true), marker, "slow_client", 30, false);
        }
      } catch (Exception e) {
        lost.increment();
        count("error_" + e.getClass().getSimpleName());
      }
    }
  }

  /** Faults and special replies go into the simulator's queue; whichever call comes next gets it. */
  /** Takes every request the simulator decodes, until the load has stopped and none comes. */
  private static void collect(WarpSimulator sim, AtomicBoolean running, Set<Long> seen) {
    while (true) {
      try {
        Matcher m = MARKER.matcher(sim.takeRequest().request().toString());
        while (m.find()) {
          seen.add(Long.parseLong(m.group(1)));
        }
      } catch (IllegalStateException quiet) { // none within 10 s
        if (!running.get()) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void faultLoop(WarpSimulator sim) {
    List<Object> faults = List.of(
        SimFault.SERVER_500_EMPTY,
        SimFault.disconnectAfter(3),
        SimFault.overloaded(Duration.ofSeconds(1)),
        SimFault.STALL,
        SimFault.HTML_ERROR_PAGE,
        SimFault.DISCONNECT_BEFORE_RESPONSE,
        SimReply.toolCalls(List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}"))),
        SimReply.toolCalls(List.of(new SimToolCall("get_weather", "{\"city\":\"Oslo\"}"))),
        SimReply.text("a slow answer, paced").inDeltas(10).slow(Duration.ofMillis(150)));
    while (running.get()) {
      Object f = faults.get(ThreadLocalRandom.current().nextInt(faults.size()));
      if (f instanceof SimFault fault) {
        sim.enqueue(fault);
      } else {
        sim.enqueue((SimReply) f);
      }
      sleep(700);
    }
  }

  private void adminLoop() {
    List<String> added = new ArrayList<>();
    int i = 0;
    while (running.get()) {
      try {
        String token = "soak-added-" + (i++) + "-7c1e93a0b4d2";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/admin/pool/credentials"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"tier\":\"anonymous\",\"refresh_token\":\"" + token + "\"}"))
            .timeout(Duration.ofSeconds(30))
            .build());
        count("admin_add_" + r.statusCode());
        if (r.statusCode() == 201) {
          Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
          if (m.find()) {
            added.add(m.group(1));
          }
        }
        if (added.size() > 3) {
          HttpResponse<String> d = send(HttpRequest.newBuilder(
                  URI.create(base + "/admin/pool/credentials/" + added.remove(0)))
              .DELETE()
              .timeout(Duration.ofSeconds(30))
              .build());
          count("admin_delete_" + d.statusCode());
        }
      } catch (Exception e) {
        count("admin_error_" + e.getClass().getSimpleName());
      }
      sleep(3_000);
    }
  }

  private static HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private void whole(String path, String body, String marker, String kind) throws Exception {
    HttpResponse<String> r = send(post(path, body));
    count(kind + "_" + r.statusCode());
    if (r.statusCode() == 200) {
      checkMarker(r.body(), marker);
    }
  }

  /**
   * Reads a stream; {@code leave}: close it after the first bytes; {@code pauseMs}: read slowly.
   */
  private void stream(String path, String body, String marker, String kind, int pauseMs, boolean leave)
      throws Exception {
    HttpResponse<InputStream> r = HTTP.send(post(path, body), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        in.readAllBytes();
        count(kind + "_" + r.statusCode());
        return;
      }
      StringBuilder text = new StringBuilder();
      byte[] buf = new byte[pauseMs > 0 ? 256 : 8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        if (leave && text.length() > 0) {
          count(kind);
          return; // closing the stream resets the connection: the gateway cancels upstream
        }
        if (pauseMs > 0) {
          Thread.sleep(pauseMs);
        }
      }
      String all = text.toString();
      // A stream whose head went out while the gateway waited (keep-alives) ends with its dialect's
      // error event when every attempt failed: an answer, but one that need not have reached Warp.
      boolean failed = all.contains("\"error\":{") || all.contains("event: error")
          || all.contains("response.failed");
      boolean ended = all.contains("[DONE]") || all.contains("message_stop")
          || all.contains("response.completed") || failed;
      count(kind + (failed ? "_200_error_event" : ended ? "_200" : "_200_cut"));
      if (!failed) {
        checkMarker(all, marker);
      }
    }
  }

  private void checkMarker(String answer, String marker) {
    // The simulator echoes nothing of the request in its text, so an answer carries no marker; a
    // marker in it would be another request's. Whether the request reached Warp is checked at the
    // end against the simulator's log.
    Matcher m = MARKER.matcher(answer);
    while (m.find()) {
      if (!marker.equals("soak-m" + m.group(1) + "-")) {
        crossed.increment();
      }
    }
    answeredMarkers.add(Long.parseLong(marker.substring(6, marker.length() - 1)));
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json")
        .header("x-api-key", "any")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private static String openAi(String marker, boolean stream) {
    return "{\"model\":\"claude-4-5-sonnet\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + " hello\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}";
  }

  private static String anthropic(String marker, boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + " hello\"}]}";
  }

  private static String responses(String marker) {
    return "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"store\":false,\"input\":\""
        + marker + " hello\"}";
  }

  private void awaitHealthy(Process gateway) throws Exception {
    for (int i = 0; i < 600; i++) {
      try {
        if (send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (!gateway.isAlive()) {
        throw new IllegalStateException("the gateway exited");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the gateway did not start within 60 s");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One look at the gateway process. */
  private record Sample(long seconds, double rssMib, double heapMib, int fds, int threads, long requests) {
    static Sample of(long pid, String java, long seconds, long requests) throws Exception {
      String status = Files.readString(Path.of("/proc/" + pid + "/status"));
      double rss = field(status, "VmRSS") / 1024.0;
      int threads = (int) field(status, "Threads");
      int fds;
      try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        fds = (int) s.count();
      }
      return new Sample(seconds, rss, heapAfterGc(pid, java), fds, threads, requests);
    }

    private static long field(String status, String name) {
      for (String line : status.split("\n")) {
        if (line.startsWith(name + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    }

    /** Runs a full GC in the gateway (jcmd), then reads the heap in use. */
    private static double heapAfterGc(long pid, String java) throws Exception {
      Path jcmd = Path.of(java).toAbsolutePath().resolveSibling("jcmd");
      String cmd = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
      run(cmd, Long.toString(pid), "GC.run");
      String info = run(cmd, Long.toString(pid), "GC.heap_info");
      Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
      return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
    }

    private static String run(String... command) throws Exception {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    }

    String line(int n) {
      return String.format(
          "%6d  %7d  %7.1f  %17.1f  %3d  %7d  %8d", n, seconds, rssMib, heapMib, fds, threads, requests);
    }
  }
}
