package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Fields.index;
import static dev.warp2api.api.anthropic.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tools} and {@code tool_choice} of a request.
 *
 * <p>Custom tools ({@code type} absent or {@code "custom"}) become {@link ToolSpec}s. Anthropic's
 * server tools ({@code web_search_20250305}, {@code bash_20250124}, {@code text_editor_...}, any
 * other {@code type}) are run by Anthropic's servers, which Warp does not have: they are skipped,
 * and their names are listed in {@link #skippedServerTools()} so the handler can log them. A
 * {@code tool_choice} naming a tool that is not among the custom tools, or of type {@code any}
 * without custom tools, is rejected.
 *
 * @param tools custom tools in request order
 * @param choice the tool choice, {@link ToolChoice#AUTO} when absent
 * @param skippedServerTools the names (or types) of skipped server tools
 */
record ToolDeclarations(List<ToolSpec> tools, ToolChoice choice, List<String> skippedServerTools) {

  ToolDeclarations {
    tools = List.copyOf(tools);
    skippedServerTools = List.copyOf(skippedServerTools);
  }

  static ToolDeclarations read(ObjectNode body) {
    List<ToolSpec> tools = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (Fields.present(body, "tools")) {
      ArrayNode list = Fields.requiredArray(body, "tools", "");
      for (int i = 0; i < list.size(); i++) {
        String at = index("tools", i);
        ObjectNode tool = Fields.object(list.get(i), at);
        String type = Fields.optionalString(tool, "type", at);
        if (type != null && !type.equals("custom")) {
          String name = tool.path("name").isTextual() ? tool.get("name").asText() : type;
          skipped.add(name);
          continue;
        }
        String name = Fields.requiredString(tool, "name", at);
        String description = Fields.optionalString(tool, "description", at);
        ObjectNode schema = Fields.requiredObject(tool, "input_schema", at);
        StructDepth.require(schema, Fields.path(at, "input_schema"));
        tools.add(new ToolSpec(name, description, schema));
      }
    }
    ToolChoice choice = Fields.present(body, "tool_choice")
        ? choice(body.get("tool_choice"), tools)
        : ToolChoice.AUTO;
    return new ToolDeclarations(tools, choice, skipped);
  }

  private static ToolChoice choice(JsonNode raw, List<ToolSpec> tools) {
    ObjectNode node = Fields.object(raw, "tool_choice");
    String type = Fields.requiredString(node, "type", "tool_choice");
    return switch (type) {
      case "auto" -> ToolChoice.AUTO;
      case "any" -> {
        if (tools.isEmpty()) {
          throw GatewayException.invalid(
              "tool_choice: type 'any' requires a tool, but no tools are given (server tools are skipped)",
              "tool_choice");
        }
        yield ToolChoice.REQUIRED;
      }
      case "none" -> ToolChoice.NONE;
      case "tool" -> named(Fields.requiredString(node, "name", "tool_choice"), tools);
      default ->
        throw GatewayException.invalid(
            "tool_choice.type: must be 'auto', 'any', 'tool' or 'none', got '" + type + "'",
            "tool_choice.type");
    };
  }

  private static ToolChoice named(String name, List<ToolSpec> tools) {
    if (tools.stream().noneMatch(t -> t.name().equals(name))) {
      String at = path("tool_choice", "name");
      throw GatewayException.invalid(at + ": names no custom tool in tools: '" + name + "'", at);
    }
    return ToolChoice.tool(name);
  }
}
