package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.testing.ServeWithSimulator;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway process killed with SIGKILL while admin writes are in flight leaves a state file that
 * reads, holds every change it acknowledged, keeps mode 0600, and is taken up by the next start:
 * the file is replaced by an atomic rename, never written in place. Three rounds, each a real JVM
 * started from the test's class path against an in-process simulator.
 */
class KillNineMidWriteLeavesAReadableStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rt-kill-nine-base-0001";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  // Open mode: every refresh token is accepted, so every added credential is a working one.
  @RegisterExtension
  final ServeWithSimulator serve = new ServeWithSimulator();

  @Test
  void everyAcknowledgedAddSurvivesAKillNineAndTheFileStaysReadable() throws Exception {
    Path work = Files.createTempDirectory("w2a-kill9");
    Path stateDir = work.resolve("data");
    List<String> acknowledged = new ArrayList<>();

    for (int round = 0; round < 3; round++) {
      int port = TestStack.freePort();
      Process gateway = serve.start(work, work.resolve("gateway-" + port + ".log"), port, TOKEN);
      // Everything acknowledged before this start is there after it.
      String pool = get(port, "/admin/pool").body();
      for (String token : acknowledged) {
        assertThat(pool).contains(SimAccountSpec.fingerprint(token).substring(0, 8));
      }

      int before;
      synchronized (acknowledged) {
        before = acknowledged.size();
      }
      Thread adder = new Thread(() -> addUntilKilled(port, acknowledged), "adder");
      adder.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (size(acknowledged) < before + 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(size(acknowledged)).as("round %d made changes", round).isGreaterThan(before);
      Thread.sleep(37L * (round + 1)); // the kill lands somewhere among the writes
      gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
      adder.join(10_000);

      Path file = stateDir.resolve("state.json");
      JsonNode state = JSON.readTree(Files.readAllBytes(file)); // reads: never half-written
      synchronized (acknowledged) {
        for (String token : acknowledged) {
          assertThat(state.path("credentials").has(SimAccountSpec.fingerprint(token)))
              .as("acknowledged add %s is on disk", token)
              .isTrue();
        }
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      try (Stream<Path> files = Files.list(stateDir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("nothing was set aside as unreadable")
            .noneMatch(name -> name.contains("corrupt") || name.contains("unreadable"));
      }
    }
  }

  private static int size(List<String> acknowledged) {
    synchronized (acknowledged) {
      return acknowledged.size();
    }
  }

  private void addUntilKilled(int port, List<String> acknowledged) {
    for (int i = 0; ; i++) {
      String token = "rt-kill-nine-" + port + "-" + i + "-a8c2e7f0d91b";
      try {
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/admin/pool/credentials"))
                .timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"tier\":\"shared\",\"refresh_token\":\"" + token + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 201) {
          synchronized (acknowledged) {
            acknowledged.add(token);
          }
        }
      } catch (IOException killed) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
