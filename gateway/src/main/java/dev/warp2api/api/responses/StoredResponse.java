package dev.warp2api.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One stored response, kept as its compact JSON text ({@code id}, {@code owner}, {@code stored_at},
 * {@code history}, {@code input}, {@code response}) so that its size is known and the same bytes go
 * to disk; the parts are read from it when asked for. Immutable.
 *
 * @param id the response's id
 * @param owner who may read, continue or delete it (a digest of the client key, never the key)
 * @param storedAt epoch milliseconds when it was stored (its time to live counts from here)
 * @param json the whole record as UTF-8 JSON
 */
record StoredResponse(String id, String owner, long storedAt, byte[] json) {
  StoredResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(json, "json");
  }

  /** A record of a finished response and the request it answered. */
  static StoredResponse of(ParsedResponse request, ObjectNode response, long storedAt) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    String id = response.get("id").asText();
    root.put("id", id);
    root.put("owner", request.owner());
    root.put("stored_at", storedAt);
    root.set("history", request.history());
    root.set("input", request.input());
    root.set("response", response);
    try {
      return new StoredResponse(
          id, request.owner(), storedAt, ResponseOutput.JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record read back from its JSON; throws when it is not one. */
  static StoredResponse parse(byte[] json) throws IOException {
    JsonNode root = ResponseOutput.JSON.readTree(json);
    if (root == null
        || !root.path("id").isTextual()
        || !root.path("owner").isTextual()
        || !root.path("stored_at").isIntegralNumber()
        || !root.path("response").isObject()) {
      throw new IOException("not a stored response");
    }
    return new StoredResponse(
        root.get("id").asText(),
        root.get("owner").asText(),
        root.get("stored_at").asLong(),
        json);
  }

  private ObjectNode root() {
    try {
      return (ObjectNode) ResponseOutput.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response object as {@code GET /v1/responses/{id}} shows it. */
  ObjectNode response() {
    return (ObjectNode) root().get("response");
  }

  /** The request's own input items. */
  ArrayNode input() {
    JsonNode input = root().get("input");
    return input instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode();
  }

  /**
   * What a continuation starts from: the earlier conversation, this request's input, then its
   * output.
   */
  ArrayNode conversation() {
    ObjectNode root = root();
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    for (String part : new String[] {"history", "input"}) {
      JsonNode items = root.get(part);
      if (items != null && items.isArray()) {
        all.addAll((ArrayNode) items);
      }
    }
    JsonNode output = root.path("response").get("output");
    if (output != null && output.isArray()) {
      all.addAll((ArrayNode) output);
    }
    return all;
  }

  int bytes() {
    return json.length;
  }
}
