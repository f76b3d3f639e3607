package dev.warp2api.api.responses;

import static dev.warp2api.api.openai.FieldReader.invalid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import dev.warp2api.pool.RedisStateStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Responses API as the HTTP layer uses it: {@code POST /v1/responses} through
 * {@link #translation} (served by {@code api.ChatExchange} like the other chat routes), and the
 * routes of the stored responses, which answer futures because a response another instance stored
 * is read from Redis ({@link ResponseStore#lookup}; completed at once when it is known here or
 * nothing is shared). Errors are {@link GatewayException}s for {@code api.ErrorMapper} (OpenAI's
 * body and status). Thread-safe.
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

  /**
   * The longest {@code POST /v1/responses} waits on Redis for a {@code previous_response_id} this
   * instance does not know (the request's path: as short as the pool's waits).
   */
  public static final Duration CONTINUATION_WAIT = RedisStateStore.REQUEST_PATH_TIMEOUT;

  /** The longest the stored-response routes wait on Redis for a response not known here. */
  public static final Duration LOOKUP_WAIT = RedisStateStore.CALL_TIMEOUT;

  private static final byte[] PREVIOUS = "previous_response_id".getBytes(StandardCharsets.UTF_8);

  /**
   * Makes the response a {@code POST /v1/responses} body continues ({@code previous_response_id})
   * known here before the body is served: looked up in Redis (at most {@link #CONTINUATION_WAIT})
   * when the store is shared and this instance does not know it. Completes at once for a body
   * without one, or one known here; never fails (an id still unknown then gets the parser's 400).
   */
  public Future<Void> continuation(String owner, Buffer body) {
    if (!store.shared() || indexOf(body, PREVIOUS) < 0) {
      return Future.succeededFuture();
    }
    String id = previousId(body);
    if (id == null || store.find(owner, id).isPresent()) {
      return Future.succeededFuture();
    }
    return store.lookup(owner, id, CONTINUATION_WAIT).<Void>mapEmpty().otherwiseEmpty();
  }

  /** The top-level {@code previous_response_id}, read without building the body's tree. */
  private static String previousId(Buffer body) {
    try (JsonParser p = ResponseOutput.JSON.createParser(body.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("previous_response_id")) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // the exchange answers the malformed body
    }
  }

  private static int indexOf(Buffer body, byte[] needle) {
    int last = body.length() - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** {@code GET /v1/responses/{id}}. */
  public Future<ObjectNode> retrieve(String owner, String id) {
    return stored(owner, id).map(StoredResponse::response);
  }

  /**
   * {@code GET /v1/responses/{id}/input_items}: OpenAI's list page of the request's input items.
   *
   * @param limit 1 to 100 (default 20)
   * @param order {@code asc} or {@code desc} (the default: newest first)
   * @param after the id of the item the page starts after, or null
   */
  public Future<ObjectNode> inputItems(
      String owner, String id, String limit, String order, String after) {
    return stored(owner, id).map(r -> inputItems(r.input(), limit, order, after));
  }

  private static ObjectNode inputItems(ArrayNode items, String limit, String order, String after) {
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
  public Future<ObjectNode> delete(String owner, String id) {
    return store.deleteEverywhere(owner, id).map(deleted -> {
      if (!deleted) {
        throw notFound(id);
      }
      return deletedBody(id);
    });
  }

  private static ObjectNode deletedBody(String id) {
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

  private Future<StoredResponse> stored(String owner, String id) {
    return store.lookup(owner, id, LOOKUP_WAIT).map(r -> r.orElseThrow(() -> notFound(id)));
  }

  private static GatewayException notFound(String id) {
    return GatewayException.of(ErrorKind.NOT_FOUND, "Response with id '" + id + "' not found.");
  }
}
