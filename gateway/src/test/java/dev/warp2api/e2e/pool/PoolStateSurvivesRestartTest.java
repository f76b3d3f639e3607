package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pool state lives in W2A_STATE_DIR: a restarted gateway keeps exhausted and disabled credentials
 * and their counters; a corrupt state file is set aside and reported, not fatal; the directory is
 * 0700 and every file in it 0600.
 */
class PoolStateSurvivesRestartTest {
  private TestStack stack;

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void exhaustedAndDisabledStatesAndCountersSurviveARestart() throws Exception {
    stack = TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens());
    awaitQuotaKnown(stack);
    stack.sim.enqueueFor(
        "personal-1",
        SimFault.QUOTA_429); // the account still has credits: only the state says otherwise
    assertThat(stack.chat(false, "one").statusCode()).isEqualTo(200);
    stack.gateway.pool().disable("personal-2");
    assertThat(stack.chat(false, "two").statusCode()).isEqualTo(200);
    JsonNode before = PoolStacks.pool(stack);

    stack.restartGateway();
    awaitQuotaKnown(stack);

    for (String name : List.of("personal-1", "personal-2", "shared-1")) {
      JsonNode was = find(before, name);
      JsonNode now = credential(stack, name);
      assertThat(now.path("state")).as(name).isEqualTo(was.path("state"));
      assertThat(now.path("cooldown_until")).as(name).isEqualTo(was.path("cooldown_until"));
      assertThat(now.path("requests")).as(name).isEqualTo(was.path("requests"));
      assertThat(now.path("last_used")).as(name).isEqualTo(was.path("last_used"));
    }
    assertThat(credential(stack, "personal-1").path("state").asText()).isEqualTo("exhausted");
    assertThat(credential(stack, "personal-2").path("state").asText()).isEqualTo("disabled");
    int seen = stack.sim.requests().size();
    assertThat(stack.chat(true, "after restart").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts().subList(seen, seen + 1)).containsExactly("shared-1");
    assertThat(stack.sim.refreshCount("shared-1"))
        .as("the cached access token was reused")
        .isEqualTo(1);
    assertSecured(stack.stateDir);
  }

  @Test
  void corruptStateFileIsSetAsideAndReported() throws Exception {
    Path dir = Files.createTempDirectory("w2a-corrupt");
    Files.writeString(dir.resolve("state.json"), "{\"credentials\": [ this is not json");
    try (LogLines logs = new LogLines()) {
      stack = TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens(), dir);
      assertThat(logs.lines())
          .anySatisfy(l -> assertThat(l).contains("pool.state.corrupt").contains("corrupt-"));
    }
    assertThat(stack.chat(false, "works").statusCode()).isEqualTo(200);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> aside = files
          .filter(p -> p.getFileName().toString().startsWith("state.json.corrupt-"))
          .toList();
      assertThat(aside).hasSize(1);
      assertThat(Files.readString(aside.get(0))).contains("this is not json");
    }
    stack.await("a fresh state file is written", () -> Files.exists(dir.resolve("state.json")));
    assertSecured(dir);
  }

  private static JsonNode find(JsonNode pool, String name) {
    for (JsonNode c : pool.path("credentials")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no credential " + name);
  }

  static void assertSecured(Path dir) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (Files.isDirectory(f)) {
          assertSecured(f); // the stored responses' directory: 0700 too, its files 0600
        } else {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as(f.toString())
              .isEqualTo("rw-------");
        }
      }
    }
  }
}
