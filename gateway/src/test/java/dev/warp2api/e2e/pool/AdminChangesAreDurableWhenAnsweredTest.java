package dev.warp2api.e2e.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An operator's change is on disk when it is answered: the state file read right after the answer,
 * with no wait, already holds it (so a kill -9 right after the answer loses nothing).
 */
class AdminChangesAreDurableWhenAnsweredTest {
  static final String ADDED = "rt-durable-add-7c1e93a0b4d2";

  @AutoClose
  private final TestStack stack = PoolStacks.startWithSpare(ADDED);

  @Test
  void anAddedCredentialIsInTheStateFileWhenThe201Arrives() throws IOException {
    HttpResponse<String> added = stack.post(
        "/admin/pool/credentials", "{\"tier\":\"shared\",\"refresh_token\":\"" + ADDED + "\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(stateFile().path("credentials").has(SimAccountSpec.fingerprint(ADDED)))
        .isTrue();
  }

  @Test
  void aRemovedCredentialIsRecordedInTheStateFileWhenThe200Arrives() throws IOException {
    HttpResponse<String> removed = stack.send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/pool/credentials/personal-2"))
            .DELETE()
            .build());
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    JsonNode state = stateFile();
    assertThat(state.path("removed").toString())
        .contains(SimAccountSpec.fingerprint(PoolStacks.P2));
  }

  @Test
  void aRecoveryIsInTheStateFileWhenItIsAnswered() throws IOException {
    stack.gateway.pool().disable("personal-1");
    HttpResponse<String> recovered = stack.post("/admin/pool/recover", "{}");
    assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
    JsonNode p1 = stateFile().path("credentials").path(SimAccountSpec.fingerprint(PoolStacks.P1));
    assertThat(p1.toString()).doesNotContain("disabled");
  }

  private JsonNode stateFile() throws IOException {
    return PoolStacks.json(Files.readString(stack.stateDir.resolve("state.json")));
  }
}
