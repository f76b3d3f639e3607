package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.MessageTypes;
import java.io.ByteArrayOutputStream;

/**
 * {@code POST /api/stream-decode}: {@code {"protobuf_chunks": [<base64>...], "message_type"?}} to
 * each chunk decoded alone plus all chunks concatenated and decoded as one message
 * ({@code complete}). The type defaults to {@code warp.multi_agent.v1.ResponseEvent} (the
 * original's default named a type that does not exist). A chunk that is not valid base64 or not a
 * valid message is reported in its own entry, not as a failure of the whole request. Stateless.
 */
final class StreamDecoder {
  private StreamDecoder() {}

  /**
   * The 200 body; throws INVALID_REQUEST for a missing, empty or mistyped {@code protobuf_chunks}.
   */
  static ObjectNode decode(ObjectNode request) {
    String type = BridgeBody.text(request, "message_type", EncodeRequest.RESPONSE_EVENT);
    Descriptor descriptor = MessageTypes.descriptor(type);
    JsonNode chunks = request.get("protobuf_chunks");
    if (chunks == null || chunks.isNull()) {
      throw GatewayException.invalid(
          "protobuf_chunks is required (an array of base64 strings)", "protobuf_chunks");
    }
    if (!chunks.isArray()) {
      throw GatewayException.invalid(
          "protobuf_chunks: expected an array but got " + BridgeBody.kind(chunks),
          "protobuf_chunks");
    }
    if (chunks.isEmpty()) {
      throw GatewayException.invalid("protobuf_chunks is empty", "protobuf_chunks");
    }
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    ArrayNode entries = out.putArray("chunks");
    var all = new ByteArrayOutputStream();
    String unreadable = null;
    for (int i = 0; i < chunks.size(); i++) {
      String path = "protobuf_chunks[" + i + "]";
      JsonNode chunk = chunks.get(i);
      if (!chunk.isTextual()) {
        throw GatewayException.invalid(
            path + ": expected a base64 string but got " + BridgeBody.kind(chunk), path);
      }
      ObjectNode entry = entries.addObject().put("chunk_index", i);
      byte[] bytes;
      try {
        bytes = BridgeBody.base64(chunk.textValue(), path);
      } catch (GatewayException e) {
        entry.put("error", e.safeMessage()).put("size", 0);
        unreadable = unreadable == null ? e.safeMessage() : unreadable;
        continue;
      }
      all.writeBytes(bytes);
      try {
        entry.set("json_data", BridgeCodec.render(BridgeCodec.parse(descriptor, bytes, path)));
        entry.put("size", bytes.length);
      } catch (GatewayException e) {
        entry.put("error", e.safeMessage()).put("size", 0);
      }
    }
    out.set("complete", complete(descriptor, all.toByteArray(), unreadable));
    out.put("total_chunks", chunks.size());
    out.put("total_size", all.size());
    out.put("message_type", type);
    return out;
  }

  private static ObjectNode complete(Descriptor descriptor, byte[] bytes, String unreadable) {
    ObjectNode complete = BridgeBody.JSON.createObjectNode();
    try {
      if (unreadable != null) {
        throw GatewayException.invalid(
            "cannot concatenate the chunks: " + unreadable, "protobuf_chunks");
      }
      complete.set(
          "json_data", BridgeCodec.render(BridgeCodec.parse(descriptor, bytes, "protobuf_chunks")));
      complete.put("size", bytes.length);
    } catch (GatewayException e) {
      complete.put("error", e.safeMessage()).put("size", 0);
    }
    return complete;
  }
}
