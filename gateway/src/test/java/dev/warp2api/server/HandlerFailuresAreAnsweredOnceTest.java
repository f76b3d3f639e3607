package dev.warp2api.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.api.AccessPolicy;
import dev.warp2api.api.BodyBudget;
import dev.warp2api.api.BodyReader;
import dev.warp2api.api.ClientKeys;
import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.anthropic.AnthropicErrors;
import dev.warp2api.api.openai.OpenAiErrors;
import dev.warp2api.server.dashboard.DashboardGate;
import dev.warp2api.server.dashboard.DashboardSessions;
import dev.warp2api.testing.LogLines;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Any Throwable escaping a handler on the event loop, a StackOverflowError included, is answered
 * with one 500 in the route's dialect and logged once; a response already begun is cut, never left
 * hanging.
 */
class HandlerFailuresAreAnsweredOnceTest {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private int start() throws Exception {
    ErrorMapper errors = new ErrorMapper(Map.of(
        Dialect.OPENAI,
        (e, id) -> OpenAiErrors.body(e).toString(),
        Dialect.ANTHROPIC,
        AnthropicErrors::body));
    Routes routes = new Routes(
        vertx,
        new AccessPolicy(ClientKeys.of(List.of()), ClientKeys.of(List.of())),
        new DashboardGate(new DashboardSessions(Clock.systemUTC())),
        errors,
        new BodyReader(vertx, 1 << 20, new BodyBudget(1 << 20), Duration.ofSeconds(10)));
    routes.post("/v1/chat/completions", (ctx, body, id) -> {
      throw new StackOverflowError();
    });
    routes.post("/v1/messages", (ctx, body, id) -> {
      throw new OutOfMemoryError("simulated");
    });
    routes.get("/v1/models", ctx -> {
      ctx.response().setChunked(true).write("{\"partial\":");
      throw new StackOverflowError();
    });
    routes.finish();
    HttpServer server = vertx
        .createHttpServer()
        .requestHandler(routes.router())
        .listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
    return server.actualPort();
  }

  @Test
  void aStackOverflowInAHandlerIsOne500InTheDialectLoggedOnce() throws Exception {
    int port = start();
    try (LogLines logs = new LogLines()) {
      HttpResponse<String> openAi = post(port, "/v1/chat/completions");
      assertThat(openAi.statusCode()).isEqualTo(500);
      assertThat(openAi.body())
          .contains("\"type\":\"server_error\"")
          .doesNotContain("StackOverflow");
      HttpResponse<String> anthropic = post(port, "/v1/messages");
      assertThat(anthropic.statusCode()).isEqualTo(500);
      assertThat(anthropic.body()).contains("\"type\":\"error\"").contains("api_error");
      assertThat(logs.lines().stream().filter(l -> l.contains("request.internal_error")))
          .hasSize(2);
    }
  }

  @Test
  void aFailureAfterTheResponseBeganCutsTheConnectionInsteadOfHanging() throws Exception {
    int port = start();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/models"))
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).doesNotEndWith("}"); // never a complete, well-formed answer
    } catch (HttpTimeoutException hang) {
      throw new AssertionError("the response was left hanging", hang);
    } catch (IOException expected) {
      // the connection was cut: what a client must see
    }
  }

  private HttpResponse<String> post(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
