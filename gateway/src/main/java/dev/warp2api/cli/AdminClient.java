package dev.warp2api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.AccessSettings;
import dev.warp2api.config.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls the running gateway's admin routes ({@code /admin/pool}, {@code /admin/keys},
 * {@code /admin/usage}) on {@code http://127.0.0.1:$W2A_PORT}, with {@code W2A_ADMIN_TOKEN} (else
 * the first {@code API_TOKEN} key) as bearer. Blocking; for the CLI only. Failure messages never
 * contain a key.
 */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code pool check} refreshes every credential, which may take a few upstream round trips. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final String key;
  /** Which setting the key came from, for messages (never the key). */
  private final String keySource;

  AdminClient(Settings settings) {
    AccessSettings access = settings.access();
    this.base = URI.create("http://127.0.0.1:" + settings.listen().port());
    this.key = access.adminKey() != null
        ? access.adminKey()
        : access.apiKeys().isEmpty() ? null : access.apiKeys().getFirst();
    this.keySource = access.adminKey() != null
        ? "W2A_ADMIN_TOKEN"
        : access.apiKeys().isEmpty() ? null : "the first API_TOKEN key";
  }

  /** What the gateway answered. */
  sealed interface Answer {
    /** The pool, as {@code GET /admin/pool} answers it. */
    record Pool(JsonNode json) implements Answer {}

    /** A successful answer's body, as text. */
    record Body(String text) implements Answer {}

    /** A message for the user saying what went wrong. */
    record Failed(String message) implements Answer {}
  }

  Answer send(PoolAction action) throws InterruptedException {
    Answer answer = call(action.method(), action.path(), null, "application/json");
    if (!(answer instanceof Answer.Body ok)) {
      return answer;
    }
    JsonNode body;
    try {
      body = JSON.readTree(ok.text());
    } catch (JsonProcessingException e) {
      body = null;
    }
    if (body == null || !body.path("credentials").isArray()) {
      return new Answer.Failed(
          "the gateway's answer to " + action.path() + " has no 'credentials' list");
    }
    return new Answer.Pool(body);
  }

  /**
   * One admin request: {@code json} as the body (null: none), {@code accept} as the wanted type. A
   * 2xx answers its {@link Answer.Body}; anything else a {@link Answer.Failed} with the gateway's
   * message.
   */
  Answer call(String method, String path, String json, String accept) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("accept", accept)
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("content-type", "application/json");
    }
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      return new Answer.Failed("warp2api is not running at " + base
          + " (start it with './warp2api serve', or add --offline)");
    } catch (HttpTimeoutException e) {
      return new Answer.Failed("the gateway at " + base + " did not answer in time");
    } catch (IOException e) {
      return new Answer.Failed(
          "cannot reach the gateway at " + base + ": " + e.getClass().getSimpleName());
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      return new Answer.Failed(
          keySource == null
              ? "the gateway refused the admin request (HTTP " + status
                  + "): no key was sent; set W2A_ADMIN_TOKEN (or"
                  + " API_TOKEN) to the gateway's admin key in the environment or .env, or run this on the gateway's machine"
              : "the gateway refused the key this command sent (" + keySource + ", HTTP " + status
                  + "): set "
                  + keySource + " to a key the gateway accepts"
                  + (keySource.equals("W2A_ADMIN_TOKEN")
                      ? ""
                      : ", or W2A_ADMIN_TOKEN to the gateway's admin key"));
    }
    if (status / 100 != 2) {
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (JsonProcessingException e) {
        body = null;
      }
      String detail = body == null ? "" : body.path("error").path("message").asText("");
      return new Answer.Failed(
          "the gateway answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail));
    }
    return new Answer.Body(response.body());
  }
}
