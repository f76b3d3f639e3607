package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalArray;
import static dev.warp2api.api.openai.FieldReader.optionalString;
import static dev.warp2api.api.openai.FieldReader.path;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code tools[]} (and the legacy {@code functions[]}, appended after them) into
 * {@link ToolSpec}s, and {@code tool_choice} (or the legacy {@code function_call}) into a
 * {@link ToolChoice}. A tool without {@code parameters} gets
 * {@code {"type":"object","properties":{}}}; schemas are kept as sent (2020-12 keywords, large
 * bounds). Tool names must be unique. {@code strict} is ignored. Stateless.
 */
public final class ToolParser {
  private ToolParser() {}

  static List<ToolSpec> tools(JsonNode body) {
    List<ToolSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode tools = optionalArray(body, "tools", "");
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        String p = index("tools", i);
        JsonNode tool = FieldReader.requireObject(tools.get(i), p);
        String type = optionalString(tool, "type", p);
        if (type != null && !type.equals("function")) {
          throw invalid(path(p, "type"), "must be `function`, got `" + type + "`");
        }
        String fp = path(p, "function");
        add(specs, names, function(FieldReader.requireObject(tool.get("function"), fp), fp), fp);
      }
    }
    JsonNode functions = optionalArray(body, "functions", "");
    if (functions != null) {
      for (int i = 0; i < functions.size(); i++) {
        String p = index("functions", i);
        add(specs, names, function(FieldReader.requireObject(functions.get(i), p), p), p);
      }
    }
    return specs;
  }

  private static void add(List<ToolSpec> specs, Set<String> names, ToolSpec spec, String p) {
    if (!names.add(spec.name())) {
      throw invalid(
          path(p, "name"),
          "repeats the tool name `" + spec.name() + "`; tool names must be unique");
    }
    specs.add(spec);
  }

  private static ToolSpec function(JsonNode function, String p) {
    String name = requiredString(function, "name", p);
    if (name.isBlank()) {
      throw invalid(path(p, "name"), "must not be empty");
    }
    String description = optionalString(function, "description", p);
    return new ToolSpec(name, description, parametersSchema(function, p));
  }

  /**
   * A function tool's {@code parameters} at {@code p} (Chat Completions and Responses alike): a
   * copy of the JSON Schema object, checked against the nesting Warp reads before it is copied;
   * none is an object schema without properties.
   */
  public static ObjectNode parametersSchema(JsonNode function, String p) {
    JsonNode parameters = function.get("parameters");
    if (isMissing(parameters)) {
      ObjectNode schema = JsonNodeFactory.instance.objectNode();
      schema.put("type", "object");
      schema.putObject("properties");
      return schema;
    }
    if (!parameters.isObject()) {
      throw wrongType(path(p, "parameters"), "a JSON Schema object", parameters);
    }
    StructDepth.require(parameters, path(p, "parameters")); // before deepCopy recurses into it
    return ((ObjectNode) parameters).deepCopy();
  }

  /** {@code tool_choice}, else the legacy {@code function_call}, else auto. */
  static ToolChoice choice(JsonNode body, List<ToolSpec> tools) {
    String field = isMissing(body.get("tool_choice")) ? "function_call" : "tool_choice";
    JsonNode node = body.get(field);
    if (isMissing(node)) {
      return ToolChoice.AUTO;
    }
    if (node.isTextual()) {
      return switch (node.asText()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default ->
          throw invalid(
              field,
              "must be `auto`, `none`, `required` or a named function, got `" + node.asText()
                  + "`");
      };
    }
    if (!node.isObject()) {
      throw wrongType(field, "a string or an object", node);
    }
    String name;
    String namePath;
    if (field.equals("function_call")) {
      name = requiredString(node, "name", field);
      namePath = path(field, "name");
    } else {
      String type = requiredString(node, "type", field);
      if (!type.equals("function")) {
        throw invalid(
            path(field, "type"),
            "must be `function`, got `" + type + "` (not supported by this gateway)");
      }
      String fp = path(field, "function");
      name = requiredString(FieldReader.requireObject(node.get("function"), fp), "name", fp);
      namePath = path(fp, "name");
    }
    String chosen = name;
    if (tools.stream().noneMatch(t -> t.name().equals(chosen))) {
      throw invalid(namePath, "names `" + name + "`, which is not among the request's tools");
    }
    return ToolChoice.tool(name);
  }
}
