package dev.warp2api.api.responses;

import java.util.HashMap;
import java.util.Map;

/**
 * The client's tools by the name Warp knows them under. Warp has one flat list of function tools,
 * so a function nested in a {@code namespace} tool is offered as {@code <namespace>__<name>}, and a
 * free-form {@code custom} tool as a function taking one string ({@code input}); a call coming back
 * is turned into the item the client declared: a {@code function_call} with {@code name} and
 * {@code namespace}, or a {@code custom_tool_call} with {@code input}. Immutable once built.
 */
final class ToolNames {
  /** Between a namespace and a nested function's name in the name Warp sees. */
  static final String SEPARATOR = "__";

  /** How the client declared a tool. */
  enum Kind {
    FUNCTION,
    CUSTOM
  }

  /**
   * One tool as the client declared it.
   *
   * @param kind a function or a free-form custom tool
   * @param name its name inside its namespace (or its whole name)
   * @param namespace the namespace tool's name, or null
   */
  record Declared(Kind kind, String name, String namespace) {}

  private final Map<String, Declared> byWarpName;

  private ToolNames(Map<String, Declared> byWarpName) {
    this.byWarpName = Map.copyOf(byWarpName);
  }

  static final ToolNames NONE = new ToolNames(Map.of());

  /** The name Warp sees for {@code name} inside {@code namespace} (null: none). */
  static String warpName(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + SEPARATOR + name;
  }

  /**
   * What the client declared under Warp's {@code name}, or a plain function of that name when
   * unknown.
   */
  Declared of(String warpName) {
    Declared d = byWarpName.get(warpName);
    return d != null ? d : new Declared(Kind.FUNCTION, warpName, null);
  }

  boolean isCustom(String warpName) {
    Declared d = byWarpName.get(warpName);
    return d != null && d.kind() == Kind.CUSTOM;
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder {
    private final Map<String, Declared> map = new HashMap<>();

    /** Adds a tool; false when its Warp name is taken already. */
    boolean add(Kind kind, String name, String namespace) {
      return map.putIfAbsent(warpName(namespace, name), new Declared(kind, name, namespace))
          == null;
    }

    ToolNames build() {
      return new ToolNames(map);
    }
  }
}
