package dev.warp2api.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param name the tool's name
 * @param description what it does, possibly empty
 * @param inputSchema its JSON Schema as the client sent it (an object node, possibly empty)
 */
public record ToolSpec(String name, String description, ObjectNode inputSchema) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    Objects.requireNonNull(inputSchema, "inputSchema");
  }
}
