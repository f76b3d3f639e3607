package dev.warp2api.e2e.responses;

import static dev.warp2api.e2e.responses.ResponsesE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A stored response is a 0600 file in the state directory, and the restarted gateway still serves
 * and continues it.
 */
class StoredResponsesSurviveRestartTest {
  @AutoClose
  private final TestStack stack = ResponsesE2e.start();

  @Test
  void aStoredResponseCanBeReadAndContinuedAfterARestart() throws Exception {
    OpenAIClient client = ResponsesE2e.sdk(stack, "key-one");
    stack.sim.enqueue(SimReply.text("Remember me."));
    Response first = client
        .responses()
        .create(ResponseCreateParams.builder().model(MODEL).input("Hi").build());
    client.close();
    Path file = stack.stateDir.resolve("responses").resolve(first.id() + ".json");
    stack.await("the response file is written", () -> Files.exists(file));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).doesNotContain("key-one");

    stack.restartGateway();
    OpenAIClient again = ResponsesE2e.sdk(stack, "key-one");
    try {
      assertThat(again.responses().retrieve(first.id()).id()).isEqualTo(first.id());
      stack.sim.enqueue(SimReply.text("I remember."));
      Response next = again
          .responses()
          .create(ResponseCreateParams.builder()
              .model(MODEL)
              .previousResponseId(first.id())
              .input("Still there?")
              .build());
      assertThat(next.previousResponseId()).contains(first.id());
    } finally {
      again.close();
    }
  }
}
