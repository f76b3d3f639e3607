package dev.warp2api.sim;

import dev.warp2api.testing.Await;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A running simulator plus a plain JDK HTTP client talking to it over loopback. Close after each
 * test.
 */
final class SimFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final WarpSimulator sim;
  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  SimFixture(SimConfig config) throws Exception {
    sim = Await.result(WarpSimulator.start(vertx, config));
  }

  HttpResponse<String> refresh(String refreshToken) throws Exception {
    return post(
        "/proxy/token?key=test",
        "application/x-www-form-urlencoded",
        ("grant_type=refresh_token&refresh_token=" + refreshToken)
            .getBytes(StandardCharsets.US_ASCII),
        null);
  }

  String accessToken(String refreshToken) throws Exception {
    HttpResponse<String> r = refresh(refreshToken);
    if (r.statusCode() != 200) {
      throw new AssertionError("refresh failed: " + r.statusCode());
    }
    return new JsonObject(r.body()).getString("access_token");
  }

  HttpResponse<String> ai(String bearer, byte[] body) throws Exception {
    return post("/ai/multi-agent", "application/x-protobuf", body, bearer);
  }

  HttpResponse<String> ai(String bearer, Request request) throws Exception {
    return ai(bearer, request.toByteArray());
  }

  HttpResponse<String> graphql(String bearer, String op) throws Exception {
    String body = new JsonObject()
        .put("operationName", op)
        .put("query", "query " + op + " { user }")
        .put("variables", new JsonObject())
        .encode();
    return post(
        "/graphql/v2?op=" + op, "application/json", body.getBytes(StandardCharsets.UTF_8), bearer);
  }

  private HttpResponse<String> post(String path, String type, byte[] body, String bearer)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      b.header("authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A minimal 2026-style first-turn request. */
  static Request request(String query) {
    return Request.newBuilder()
        .setTaskContext(Request.TaskContext.getDefaultInstance())
        .setInput(Request.Input.newBuilder()
            .setUserInputs(Request.Input.UserInputs.newBuilder()
                .addInputs(Request.Input.UserInputs.UserInput.newBuilder()
                    .setUserQuery(Request.Input.UserQuery.newBuilder().setQuery(query)))))
        .setSettings(Request.Settings.newBuilder()
            .setModelConfig(Request.Settings.ModelConfig.newBuilder().setBase("claude-4-5-opus")))
        .build();
  }

  /** Decodes every {@code data:} payload of an SSE body (either framing). */
  static List<ResponseEvent> events(String sse) throws Exception {
    List<ResponseEvent> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data:")) {
        out.add(ResponseEvent.parseFrom(
            Base64.getUrlDecoder().decode(line.substring(5).strip())));
      }
    }
    return out;
  }

  /** A compact name per event: init, create_task, add_messages_to_task, …, finished. */
  static List<String> names(List<ResponseEvent> events) {
    List<String> out = new ArrayList<>();
    for (ResponseEvent e : events) {
      switch (e.getTypeCase()) {
        case INIT -> out.add("init");
        case FINISHED -> out.add("finished");
        case CLIENT_ACTIONS ->
          e.getClientActions()
              .getActionsList()
              .forEach(a -> out.add(a.getActionCase().name().toLowerCase()));
        default -> out.add("?");
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    Await.result(sim.close());
    Await.result(vertx.close());
  }
}
