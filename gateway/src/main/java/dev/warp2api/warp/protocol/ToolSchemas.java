package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolSpec;
import dev.warp2api.warp.protocol.pb.Request;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Client tools as Warp MCP tools. The schema is kept as the client wrote it — nulls, {@code $defs},
 * {@code anyOf}, {@code $ref}, every keyword — with one repair: a root without {@code type} gets
 * {@code "type": "object"}, the shape an MCP tool input must have. Unlike the 2025 bridge nothing
 * is dropped, trimmed or guessed. Numbers travel as doubles (the {@code Struct} limit): integers up
 * to 2^53 survive exactly, larger ones are rounded.
 */
final class ToolSchemas {
  private ToolSchemas() {}

  /**
   * @throws GatewayException INVALID_REQUEST when a tool name is empty or repeated
   *     ({@code tools[i].name})
   */
  static List<Request.MCPContext.MCPTool> mcpTools(List<ToolSpec> tools) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      String name = tools.get(i).name();
      if (name.isBlank()) {
        throw GatewayException.invalid("tool name must not be empty", "tools[" + i + "].name");
      }
      if (!names.add(name)) {
        throw GatewayException.invalid(
            "tool name '" + name + "' is declared twice", "tools[" + i + "].name");
      }
    }
    return tools.stream().map(ToolSchemas::mcpTool).toList();
  }

  static Request.MCPContext.MCPTool mcpTool(ToolSpec tool) {
    return Request.MCPContext.MCPTool.newBuilder()
        .setName(tool.name())
        .setDescription(tool.description())
        .setInputSchema(StructJson.toStruct(clean(tool.inputSchema())))
        .build();
  }

  /** A copy of the schema with {@code "type": "object"} at the root when it had no type. */
  static ObjectNode clean(ObjectNode schema) {
    ObjectNode copy = schema.deepCopy();
    if (!copy.has("type")) {
      ObjectNode withType = copy.objectNode();
      withType.put("type", "object");
      withType.setAll(copy);
      return withType;
    }
    return copy;
  }
}
