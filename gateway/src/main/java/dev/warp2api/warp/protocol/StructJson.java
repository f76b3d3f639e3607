package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Converts between JSON and {@code google.protobuf.Struct}, the type Warp uses for tool arguments
 * and tool input schemas. Pure and thread-safe.
 *
 * <p>Struct numbers are doubles (the protocol's limit): JSON numbers become doubles on the way in,
 * so integers beyond 2^53 lose precision. On the way out an integral double is written without a
 * fraction ({@code 5.0} → {@code 5}), so arguments read as the model meant them; NaN and
 * infinities, which JSON cannot carry, are written as {@code null}. Object key order is kept.
 */
final class StructJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Doubles with a magnitude below 2^63 and no fraction are written as JSON integers. */
  private static final double LONG_LIMIT = 0x1p63;

  private StructJson() {}

  /** Compact JSON text of a struct, e.g. {@code {"city":"Paris","days":5}}. */
  static String toJson(Struct struct) {
    try {
      return MAPPER.writeValueAsString(toNode(struct));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  static ObjectNode toNode(Struct struct) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Value> e : struct.getFieldsMap().entrySet()) {
      node.set(e.getKey(), toNode(e.getValue()));
    }
    return node;
  }

  private static JsonNode toNode(Value value) {
    return switch (value.getKindCase()) {
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRING_VALUE -> NODES.textNode(value.getStringValue());
      case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
      case STRUCT_VALUE -> toNode(value.getStructValue());
      case LIST_VALUE -> {
        ArrayNode array = NODES.arrayNode();
        for (Value v : value.getListValue().getValuesList()) {
          array.add(toNode(v));
        }
        yield array;
      }
      case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
    };
  }

  private static JsonNode number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return NODES.nullNode();
    }
    if (d == Math.rint(d) && Math.abs(d) < LONG_LIMIT) {
      return NODES.numberNode((long) d);
    }
    return NODES.numberNode(d);
  }

  /**
   * Parses a JSON object text into a struct.
   *
   * @throws IllegalArgumentException when the text is not JSON or not a JSON object
   */
  static Struct parseObject(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return toStruct((ObjectNode) node);
  }

  /**
   * The struct form of a JSON object; JSON nulls are kept as {@code null_value}. The api layer
   * refuses deeper values naming their field; this check keeps the recursion below bounded whatever
   * the caller.
   *
   * @throws dev.warp2api.core.GatewayException INVALID_REQUEST when it nests deeper than
   *     {@link StructDepth#MAX_LEVELS}
   */
  static Struct toStruct(ObjectNode object) {
    int depth = StructDepth.of(object);
    if (depth > StructDepth.MAX_LEVELS) {
      throw StructDepth.tooDeep("a tool schema or tool input", depth);
    }
    return struct(object);
  }

  private static Struct struct(ObjectNode object) {
    Struct.Builder b = Struct.newBuilder();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      b.putFields(e.getKey(), toValue(e.getValue()));
    }
    return b.build();
  }

  private static Value toValue(JsonNode node) {
    Value.Builder v = Value.newBuilder();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return v.setNullValue(NullValue.NULL_VALUE).build();
    }
    if (node.isBoolean()) {
      return v.setBoolValue(node.booleanValue()).build();
    }
    if (node.isNumber()) {
      return v.setNumberValue(node.doubleValue()).build();
    }
    if (node.isTextual()) {
      return v.setStringValue(node.textValue()).build();
    }
    if (node.isObject()) {
      return v.setStructValue(struct((ObjectNode) node)).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      for (JsonNode item : node) {
        list.addValues(toValue(item));
      }
      return v.setListValue(list).build();
    }
    // Binary or POJO nodes never come out of a JSON parser; carry their text rather than drop them.
    return v.setStringValue(node.asText()).build();
  }
}
