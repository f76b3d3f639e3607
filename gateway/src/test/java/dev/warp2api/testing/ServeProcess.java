package dev.warp2api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code warp2api serve} as a real process: a JVM started from the test's class path, for tests of
 * what only a process shows (signals, kill -9, its exit status).
 */
public final class ServeProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServeProcess() {}

  /**
   * Starts {@code serve} in {@code work}, its output to {@code log}, with {@code settings} as its
   * only {@code WARP_*}, {@code W2A_*} and {@code API_TOKEN} environment.
   */
  public static Process start(Path work, Path log, Map<String, String> settings)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.warp2api.cli.Main",
            "serve")
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("WARP_") || k.startsWith("W2A_") || k.equals("API_TOKEN"));
    env.putAll(settings);
    return pb.start();
  }

  /** Waits up to 60 s for {@code /healthz} to answer 200, failing at once if the process ended. */
  public static void awaitHealthy(Process gateway, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      assertThat(gateway.isAlive()).as("the gateway process is running").isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("the gateway did not answer /healthz within 60 s");
  }
}
