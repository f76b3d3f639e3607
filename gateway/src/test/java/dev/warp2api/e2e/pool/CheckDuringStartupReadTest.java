package dev.warp2api.e2e.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A check sent while the start-up quota read is still running joins that read, which completes on
 * another event loop than the check's request: the answer must still be written.
 */
class CheckDuringStartupReadTest {
  @AutoClose
  private final TestStack stack = TestStack.oneAccount("rt-check-startup-0001", "alpha");

  @Test
  void checksSentWhileTheStartUpReadRunsAreAllAnswered() {
    // One client per check: separate connections land on separate server event loops.
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpClient client =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      answers.add(client.sendAsync(
          HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/pool/check"))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> r = answer.join();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("\"personal-1\":\"ok\"");
    }
  }
}
