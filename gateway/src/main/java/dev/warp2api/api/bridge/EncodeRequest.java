package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.MessageTypes;
import dev.warp2api.warp.protocol.ProtoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of the bridge's encode and send routes: either {@code {"json_data": {...},
 * "message_type": "..."}} or the message's top-level keys directly (with an optional
 * {@code message_type} beside them).
 *
 * @param data the message as JSON
 * @param messageType the full name of the message type
 * @param dataPath where {@code data} sits in the body ({@code json_data} or empty), for error paths
 * @param warnings keys of the body that were ignored
 */
record EncodeRequest(ObjectNode data, String messageType, String dataPath, List<String> warnings) {
  static final String REQUEST = MessageTypes.PACKAGE + ".Request";
  static final String RESPONSE_EVENT = MessageTypes.PACKAGE + ".ResponseEvent";

  EncodeRequest {
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads the body; {@code message_type} defaults to {@code warp.multi_agent.v1.Request}.
   *
   * @throws GatewayException INVALID_REQUEST for a non-object {@code json_data}, a non-string
   *     {@code message_type}, or an empty packet
   */
  static EncodeRequest parse(ObjectNode body) {
    String type = BridgeBody.text(body, "message_type", REQUEST);
    var warnings = new ArrayList<String>();
    ObjectNode data;
    String path;
    if (body.has("json_data")) {
      JsonNode wrapped = body.get("json_data");
      if (wrapped == null || !wrapped.isObject()) {
        throw GatewayException.invalid(
            "json_data: expected a JSON object but got " + BridgeBody.kind(wrapped), "json_data");
      }
      data = (ObjectNode) wrapped;
      path = "json_data";
      for (Map.Entry<String, JsonNode> property : body.properties()) {
        if (!property.getKey().equals("json_data") && !property.getKey().equals("message_type")) {
          warnings.add(property.getKey() + ": unknown key beside json_data ignored");
        }
      }
    } else {
      data = body.deepCopy();
      data.remove("message_type");
      path = "";
    }
    if (data.isEmpty()) {
      throw GatewayException.invalid(
          "the packet is empty: give the message's fields, or json_data with them",
          path.isEmpty() ? null : path);
    }
    return new EncodeRequest(data, type, path, warnings);
  }

  /**
   * The message type's descriptor; throws INVALID_REQUEST naming {@code message_type} when unknown.
   */
  Descriptor descriptor() {
    return MessageTypes.descriptor(messageType);
  }

  /** Throws INVALID_REQUEST naming {@code message_type} unless this is a Warp {@code Request}. */
  EncodeRequest requireRequest() {
    if (!REQUEST.equals(messageType)) {
      throw GatewayException.invalid(
          "message_type must be " + REQUEST + " on this route, not '" + messageType + "'",
          "message_type");
    }
    return this;
  }

  /**
   * Builds the message: {@code server_message_data} objects are collapsed to their string form
   * first, unknown keys are ignored and reported in the result's warnings (with this body's own).
   *
   * @throws GatewayException INVALID_REQUEST naming the field whose value has the wrong type
   */
  ProtoJson.Parsed<Message> toMessage() {
    Descriptor type = descriptor();
    ObjectNode json = data.deepCopy();
    ServerMessageData.collapse(json, type, dataPath);
    var parsed = ProtoJson.fromJson(json, type, dataPath);
    var all = new ArrayList<>(warnings);
    all.addAll(parsed.warnings());
    return new ProtoJson.Parsed<>(parsed.message(), all);
  }
}
