package dev.warp2api.core;

/**
 * What the client said about tool use. Warp has no such control; the request builder may turn it
 * into an instruction, and {@code NONE} drops the tools.
 *
 * @param mode auto, none, required (any tool) or a named tool
 * @param toolName the tool's name when {@code mode} is {@link Mode#TOOL}
 */
public record ToolChoice(Mode mode, String toolName) {
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    TOOL
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }
}
