package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.MessageTypes;
import dev.warp2api.warp.protocol.ProtoJson;
import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import java.util.List;

/**
 * The bridge's JSON &lt;-&gt; protobuf tools (docs/API.md, 'Bridge routes') as pure functions from
 * a request body to a response body. Safe on any thread, including an event loop.
 *
 * <p>Unlike the original bridge, strings are not trimmed and empty values are not deep-cleaned:
 * what the client gives is what is encoded. Every method throws {@link GatewayException} of kind
 * {@code INVALID_REQUEST} with a message naming the field at fault for any bad input.
 */
public final class BridgeCodec {
  private BridgeCodec() {}

  /**
   * A message encoded from an {@code EncodeRequest} body.
   *
   * @param messageType the full name of its type
   * @param bytes the serialized message
   * @param warnings one line per ignored key (paths only, no values)
   */
  public record Encoded(String messageType, byte[] bytes, List<String> warnings) {
    public Encoded {
      bytes = bytes.clone();
      warnings = List.copyOf(warnings);
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * Encodes an {@code EncodeRequest} body of any message type of our schema ({@code /api/encode}).
   */
  public static Encoded encode(Buffer body) {
    return encode(EncodeRequest.parse(BridgeBody.object(body)));
  }

  /**
   * Encodes an {@code EncodeRequest} body whose type must be {@code warp.multi_agent.v1.Request}.
   */
  public static Encoded encodeWarpRequest(Buffer body) {
    return encode(EncodeRequest.parse(BridgeBody.object(body)).requireRequest());
  }

  /**
   * Encodes a body to send to Warp ({@code send_stream}, {@code send_stream_sse}): as
   * {@link #encodeWarpRequest}, and the {@code Request} must have an {@code input}. Warp answers a
   * request without one with an empty 500, which reads as a passing upstream failure: sent, it
   * would cost every attempt and cool the credential down for one client's mistake.
   *
   * @throws GatewayException INVALID_REQUEST naming {@code input} when it is missing
   */
  public static Encoded encodeSendableWarpRequest(Buffer body) {
    EncodeRequest request = EncodeRequest.parse(BridgeBody.object(body)).requireRequest();
    var parsed = request.toMessage();
    Message message = parsed.message();
    if (!message.hasField(message.getDescriptorForType().findFieldByName("input"))) {
      String param = request.dataPath().isEmpty() ? "input" : request.dataPath() + ".input";
      throw GatewayException.invalid(
          param + " is required: Warp answers a Request without input with an error", param);
    }
    return new Encoded(request.messageType(), message.toByteArray(), parsed.warnings());
  }

  private static Encoded encode(EncodeRequest request) {
    var parsed = request.toMessage();
    return new Encoded(request.messageType(), parsed.message().toByteArray(), parsed.warnings());
  }

  /**
   * {@code /api/encode}'s 200 body: {@code {"protobuf_bytes": <std base64>, "size",
   * "message_type"}}.
   */
  public static ObjectNode encodeResponse(Encoded encoded) {
    return withWarnings(encoded, "protobuf_bytes");
  }

  /**
   * {@code /api/warp/encode_raw?output=base64}'s 200 body: {@code {"protobuf_base64", "size",
   * "message_type"}}.
   */
  public static ObjectNode base64Response(Encoded encoded) {
    return withWarnings(encoded, "protobuf_base64");
  }

  private static ObjectNode withWarnings(Encoded encoded, String bytesKey) {
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    out.put(bytesKey, Base64.getEncoder().encodeToString(encoded.bytes));
    out.put("size", encoded.bytes.length);
    out.put("message_type", encoded.messageType());
    if (!encoded.warnings().isEmpty()) {
      encoded.warnings().forEach(out.putArray("warnings")::add);
    }
    return out;
  }

  /**
   * {@code /api/decode}: {@code {"protobuf_bytes": <base64>, "message_type"?}} (type defaults to
   * {@code Request}) to {@code {"json_data", "size", "message_type"}}.
   */
  public static ObjectNode decode(Buffer body) {
    ObjectNode request = BridgeBody.object(body);
    String type = BridgeBody.text(request, "message_type", EncodeRequest.REQUEST);
    Descriptor descriptor = MessageTypes.descriptor(type);
    String encoded = BridgeBody.text(request, "protobuf_bytes", null);
    if (encoded == null) {
      throw GatewayException.invalid(
          "protobuf_bytes is required (base64 of the message)", "protobuf_bytes");
    }
    byte[] bytes = BridgeBody.base64(encoded, "protobuf_bytes");
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    out.set("json_data", render(parse(descriptor, bytes, "protobuf_bytes")));
    out.put("size", bytes.length);
    out.put("message_type", type);
    return out;
  }

  /**
   * {@code /api/stream-decode}: see {@link StreamDecoder}; the type defaults to
   * {@code ResponseEvent}.
   */
  public static ObjectNode streamDecode(Buffer body) {
    return StreamDecoder.decode(BridgeBody.object(body));
  }

  /** {@code /api/schemas}: every message type with every field. */
  public static ObjectNode schemas() {
    return SchemaListing.json();
  }

  /**
   * Parses bytes as a message of {@code type}.
   *
   * @param param the field named in the error
   * @throws GatewayException INVALID_REQUEST when the bytes are not a valid message of that type
   */
  static Message parse(Descriptor type, byte[] bytes, String param) {
    try {
      return DynamicMessage.parseFrom(type, bytes);
    } catch (InvalidProtocolBufferException e) {
      throw GatewayException.invalid(
          param + " is not a valid " + type.getFullName() + " (" + e.getMessage() + ")", param);
    }
  }

  /** A message as the bridge shows it: §4.4 JSON with {@code server_message_data} expanded. */
  public static ObjectNode render(Message message) {
    ObjectNode json = ProtoJson.toJson(message);
    ServerMessageData.expand(json, message.getDescriptorForType());
    return json;
  }
}
