package dev.warp2api.api.responses;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalArray;
import static dev.warp2api.api.openai.FieldReader.optionalString;
import static dev.warp2api.api.openai.FieldReader.path;
import static dev.warp2api.api.openai.FieldReader.requireObject;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.openai.ToolParser;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tools[]} and {@code tool_choice} of a Responses request.
 *
 * <ul>
 *   <li>{@code function}: {@code name}, {@code description}, {@code parameters} (kept as sent; none
 *       is an empty object schema; nested deeper than {@link StructDepth#MAX_LEVELS} a 400),
 *       {@code strict} accepted and not enforced;
 *   <li>{@code custom}: a free-form tool, offered to Warp as a function of one string
 *       {@code input}; its {@code format} (text, or a grammar) is put into that parameter's
 *       description;
 *   <li>{@code namespace}: its nested {@code function} (and {@code custom}) tools are offered under
 *       {@code <namespace>__<name>} (see {@link ToolNames});
 *   <li>the built-in tools OpenAI runs itself ({@link #BUILT_IN}) are accepted and not offered to
 *       Warp, which cannot run them; a type nobody knows yet is skipped too (logged at debug).
 * </ul>
 *
 * Stateless.
 */
final class ResponseTools {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseTools.class);

  /** Tools OpenAI runs on its side: accepted, never offered to Warp. */
  static final Set<String> BUILT_IN = Set.of(
      "web_search",
      "web_search_preview",
      "web_search_2025_08_26",
      "web_search_preview_2025_03_11",
      "file_search",
      "code_interpreter",
      "image_generation",
      "computer_use_preview",
      "computer_use",
      "mcp",
      "local_shell",
      "shell",
      "apply_patch",
      "tool_search");

  /** The tools Warp is offered, how to name calls coming back, and the client's choice. */
  record Tools(List<ToolSpec> specs, ToolNames names, ToolChoice choice) {}

  private ResponseTools() {}

  static Tools parse(JsonNode body) {
    List<ToolSpec> specs = new ArrayList<>();
    ToolNames.Builder names = ToolNames.builder();
    JsonNode tools = optionalArray(body, "tools", "");
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        String p = index("tools", i);
        JsonNode tool = requireObject(tools.get(i), p);
        String type = requiredString(tool, "type", p);
        switch (type) {
          case "function" ->
            add(specs, names, function(tool, p, null), ToolNames.Kind.FUNCTION, null, p);
          case "custom" -> add(specs, names, custom(tool, p, null), ToolNames.Kind.CUSTOM, null, p);
          case "namespace" -> namespace(tool, p, specs, names);
          default -> {
            if (!BUILT_IN.contains(type)) {
              LOG.debug("event=responses.tool_skipped type={} reason=unknown_type", type);
            }
          }
        }
      }
    }
    ToolNames built = names.build();
    return new Tools(specs, built, choice(body.get("tool_choice"), specs));
  }

  private static void namespace(
      JsonNode tool, String p, List<ToolSpec> specs, ToolNames.Builder names) {
    String ns = requiredString(tool, "name", p);
    if (ns.isBlank()) {
      throw invalid(path(p, "name"), "must not be empty");
    }
    JsonNode nested = optionalArray(tool, "tools", p);
    if (nested == null) {
      throw invalid(path(p, "tools"), "is required");
    }
    for (int j = 0; j < nested.size(); j++) {
      String np = index(path(p, "tools"), j);
      JsonNode inner = requireObject(nested.get(j), np);
      String type = requiredString(inner, "type", np);
      switch (type) {
        case "function" ->
          add(specs, names, function(inner, np, ns), ToolNames.Kind.FUNCTION, ns, np);
        case "custom" -> add(specs, names, custom(inner, np, ns), ToolNames.Kind.CUSTOM, ns, np);
        default ->
          LOG.debug("event=responses.tool_skipped type={} reason=not_callable_in_namespace", type);
      }
    }
  }

  private static void add(
      List<ToolSpec> specs,
      ToolNames.Builder names,
      ToolSpec spec,
      ToolNames.Kind kind,
      String namespace,
      String p) {
    String name = namespace == null ? spec.name() : spec.name().substring(namespace.length() + 2);
    if (!names.add(kind, name, namespace)) {
      throw invalid(
          path(p, "name"),
          "repeats the tool name `" + spec.name() + "`; tool names must be unique");
    }
    specs.add(spec);
  }

  private static String name(JsonNode tool, String p) {
    String name = requiredString(tool, "name", p);
    if (name.isBlank()) {
      throw invalid(path(p, "name"), "must not be empty");
    }
    return name;
  }

  private static ToolSpec function(JsonNode tool, String p, String namespace) {
    String name = name(tool, p);
    String description = optionalString(tool, "description", p);
    JsonNode strict = tool.get("strict");
    if (!isMissing(strict) && !strict.isBoolean()) {
      throw wrongType(path(p, "strict"), "a boolean", strict);
    }
    return new ToolSpec(
        ToolNames.warpName(namespace, name), description, ToolParser.parametersSchema(tool, p));
  }

  /**
   * A free-form tool as a function of one string, {@code input}, which comes back as the call's
   * input.
   */
  private static ToolSpec custom(JsonNode tool, String p, String namespace) {
    String name = name(tool, p);
    String description = optionalString(tool, "description", p);
    String inputHelp = "The tool's whole input, as free-form text.";
    JsonNode format = tool.get("format");
    if (!isMissing(format)) {
      requireObject(format, path(p, "format"));
      String type = optionalString(format, "type", path(p, "format"));
      if ("grammar".equals(type)) {
        String syntax = optionalString(format, "syntax", path(p, "format"));
        String definition = optionalString(format, "definition", path(p, "format"));
        inputHelp = "The tool's whole input, as text that must match this "
            + (syntax == null ? "" : syntax + " ") + "grammar:\n"
            + (definition == null ? "" : definition);
      }
    }
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema
        .putObject("properties")
        .putObject("input")
        .put("type", "string")
        .put("description", inputHelp);
    schema.putArray("required").add("input");
    schema.put("additionalProperties", false);
    return new ToolSpec(ToolNames.warpName(namespace, name), description, schema);
  }

  /**
   * {@code tool_choice}: {@code auto}, {@code none}, {@code required}, a named function or custom
   * tool ({@code {"type":"function","name":...}}, a namespaced one with {@code namespace}), or
   * {@code allowed_tools} (read as its mode: Warp cannot restrict the list). A choice of a built-in
   * tool type is read as auto, since the built-ins are not offered.
   */
  static ToolChoice choice(JsonNode node, List<ToolSpec> tools) {
    if (isMissing(node)) {
      return ToolChoice.AUTO;
    }
    if (node.isTextual()) {
      return mode(node.asText(), "tool_choice");
    }
    if (!node.isObject()) {
      throw wrongType("tool_choice", "a string or an object", node);
    }
    String type = requiredString(node, "type", "tool_choice");
    return switch (type) {
      case "function", "custom" -> {
        String name = requiredString(node, "name", "tool_choice");
        String warp = ToolNames.warpName(optionalString(node, "namespace", "tool_choice"), name);
        if (tools.stream().noneMatch(t -> t.name().equals(warp))) {
          throw invalid(
              "tool_choice.name", "names `" + name + "`, which is not among the request's tools");
        }
        yield ToolChoice.tool(warp);
      }
      case "allowed_tools" -> {
        String mode = optionalString(node, "mode", "tool_choice");
        yield mode == null ? ToolChoice.AUTO : mode(mode, "tool_choice.mode");
      }
      default -> ToolChoice.AUTO;
    };
  }

  private static ToolChoice mode(String mode, String p) {
    return switch (mode) {
      case "auto" -> ToolChoice.AUTO;
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default ->
        throw invalid(
            p, "must be `auto`, `none`, `required` or an object naming a tool, got `" + mode + "`");
    };
  }
}
