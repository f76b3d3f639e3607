package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;

/** A tool call as an Anthropic {@code tool_use} block: its id and its input object. */
final class ToolInput {
  static final String ID_PREFIX = "toolu_";

  private ToolInput() {}

  /** Warp's call id if it already starts with {@code toolu_}, else {@code toolu_} + the id. */
  static String id(ToolCall call) {
    return call.id().startsWith(ID_PREFIX) ? call.id() : ID_PREFIX + call.id();
  }

  /**
   * The arguments as a JSON object.
   *
   * @throws GatewayException {@code UPSTREAM_FAILED} when Warp's arguments are not a JSON object
   */
  static ObjectNode input(ToolCall call) {
    try {
      JsonNode node = Json.MAPPER.readTree(call.argumentsJson());
      if (node != null && node.isObject()) {
        return (ObjectNode) node;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new Ending.UpstreamFailed(
            0, "Warp sent arguments for tool '" + call.name() + "' that are not a JSON object")
        .error();
  }

  static ObjectNode block(ToolCall call, ObjectNode input) {
    ObjectNode block =
        Json.object().put("type", "tool_use").put("id", id(call)).put("name", call.name());
    block.set("input", input);
    return block;
  }
}
