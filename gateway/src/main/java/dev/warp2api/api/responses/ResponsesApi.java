package dev.warp2api.api.responses;

import static dev.warp2api.api.openai.FieldReader.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.api.ClientKeys;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;
import dev.warp2api.core.TokenEstimator;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Responses API as the HTTP layer uses it, without I/O of its own: {@code POST /v1/responses}
 * through {@link #translation} (served by {@code api.ChatExchange} like the other chat routes), and
 * the routes of the stored responses. Errors are {@link GatewayException}s for
 * {@code api.ErrorMapper} (OpenAI's body and status). Thread-safe.
 */
public final class ResponsesApi {
  private final ResponsesRequestParser parser;
  private final ResponseStore store;
  private final Clock clock;

  public ResponsesApi(ModelResolver models, ResponseStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = new ResponsesRequestParser(models, store);
  }

  /**
   * Whose stored responses a request may see: a digest of the client key it presents (so a response
   * created with one key is invisible to another), or {@code anonymous} without a key. Never the
   * key.
   */
  public static String ownerOf(HttpServerRequest request) {
    String key = ClientKeys.presented(request);
    if (key == null || key.isEmpty()) {
      return "anonymous";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("w2a-response-owner:" + key).getBytes(StandardCharsets.UTF_8));
      return "key-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** {@code POST /v1/responses} for this owner. */
  public ChatTranslation translation(String owner) {
    return body -> {
      ParsedResponse parsed = parser.parse(body, owner, false);
      String id = Ids.next("resp_"); // one id for every attempt: the next turn may continue it
      return ChatTranslation.parsed(
          parsed.chat(),
          parsed.stream(),
          () -> new ResponsesStreamRenderer(output(parsed, id)),
          () -> new ResponsesAggregator(output(parsed, id)),
          id);
    };
  }

  private ResponseOutput output(ParsedResponse parsed, String id) {
    return new ResponseOutput(parsed, id, clock, parsed.store() ? this::keep : null);
  }

  private void keep(ResponseOutput.Finished finished) {
    store.put(StoredResponse.of(finished.request(), finished.response(), clock.millis()));
  }

  /** {@code GET /v1/responses/{id}}. */
  public ObjectNode retrieve(String owner, String id) {
    return stored(owner, id).response();
  }

  /**
   * {@code GET /v1/responses/{id}/input_items}: OpenAI's list page of the request's input items.
   *
   * @param limit 1 to 100 (default 20)
   * @param order {@code asc} or {@code desc} (the default: newest first)
   * @param after the id of the item the page starts after, or null
   */
  public ObjectNode inputItems(String owner, String id, String limit, String order, String after) {
    ArrayNode items = stored(owner, id).input();
    int max = 20;
    if (limit != null) {
      try {
        max = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > 100) {
        throw invalid("limit", "must be an integer from 1 to 100, got `" + limit + "`");
      }
    }
    boolean ascending;
    if (order == null || order.equals("desc")) {
      ascending = false;
    } else if (order.equals("asc")) {
      ascending = true;
    } else {
      throw invalid("order", "must be `asc` or `desc`, got `" + order + "`");
    }
    ArrayNode ordered = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < items.size(); i++) {
      ordered.add(items.get(ascending ? i : items.size() - 1 - i));
    }
    int start = 0;
    if (after != null) {
      start = -1;
      for (int i = 0; i < ordered.size(); i++) {
        if (after.equals(ordered.get(i).path("id").asText(null))) {
          start = i + 1;
        }
      }
      if (start < 0) {
        throw invalid(
            "after", "names `" + after + "`, which is not an input item of this response");
      }
    }
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("object", "list");
    ArrayNode data = page.putArray("data");
    for (int i = start; i < ordered.size() && data.size() < max; i++) {
      data.add(ordered.get(i));
    }
    page.set("first_id", data.isEmpty() ? null : data.get(0).get("id"));
    page.set("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
    page.put("has_more", start + data.size() < ordered.size());
    return page;
  }

  /** {@code DELETE /v1/responses/{id}}. */
  public ObjectNode delete(String owner, String id) {
    if (!store.delete(owner, id)) {
      throw notFound(id);
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", id);
    body.put("object", "response");
    body.put("deleted", true);
    return body;
  }

  /** {@code POST /v1/responses/input_tokens}: the other routes' estimate of the request's input. */
  public ObjectNode inputTokens(String owner, JsonNode body) {
    ParsedResponse parsed = parser.parse(body, owner, true);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("object", "response.input_tokens");
    answer.put("input_tokens", TokenEstimator.ofRequest(parsed.chat()));
    return answer;
  }

  private StoredResponse stored(String owner, String id) {
    return store.find(owner, id).orElseThrow(() -> notFound(id));
  }

  private static GatewayException notFound(String id) {
    return GatewayException.of(ErrorKind.NOT_FOUND, "Response with id '" + id + "' not found.");
  }
}
