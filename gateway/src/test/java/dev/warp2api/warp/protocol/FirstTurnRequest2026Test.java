package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.warp2api.warp.protocol.pb.AgentType;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ToolType;
import dev.warp2api.warp.protocol.pb.UserQueryMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A request shaped like the real 2026-01 first turn (capture CAP, docs/PROTOCOL.md 'Test vectors').
 */
class FirstTurnRequest2026Test {
  static final int[] SUPPORTED = {6, 7, 12, 8, 9, 15, 14, 0, 11, 16, 10, 20, 17, 19, 18, 2, 3, 1, 13
  };
  static final int[] CLI_AGENT = {10, 20, 6, 7, 12, 2, 1};

  static Request firstTurn() {
    var context = InputContext.newBuilder()
        .setDirectory(
            InputContext.Directory.newBuilder().setPwd("/Users/me/src").setHome("/Users/me"))
        .setOperatingSystem(InputContext.OperatingSystem.newBuilder().setPlatform("MacOS"))
        .setShell(InputContext.Shell.newBuilder().setName("zsh").setVersion("5.9"))
        .setCurrentTime(Timestamp.newBuilder().setSeconds(1_768_400_000L).setNanos(123_000_000));
    var query = Request.Input.UserQuery.newBuilder()
        .setQuery("你好")
        .setMode(UserQueryMode.getDefaultInstance())
        .setIntendedAgent(AgentType.AGENT_TYPE_PRIMARY);
    var settings = Request.Settings.newBuilder()
        .setModelConfig(Request.Settings.ModelConfig.newBuilder()
            .setBase("claude-4-5-opus")
            .setCliAgent("cli-agent-auto"))
        .setRulesEnabled(true)
        .setWebContextRetrievalEnabled(true)
        .setSupportsParallelToolCalls(true)
        .setPlanningEnabled(true)
        .setWarpDriveContextEnabled(true)
        .setSupportsCreateFiles(true)
        .setSupportsLongRunningCommands(true)
        .setShouldPreserveFileContentInHistory(true)
        .setSupportsTodosUi(true)
        .setSupportsLinkedCodeBlocks(true)
        .setSupportsStartedChildTaskMessage(true)
        .setSupportsSuggestPrompt(true)
        .setSupportsReadImageFiles(true)
        .setSupportsReasoningMessage(true)
        .setWebSearchEnabled(true)
        .setSupportsV4AFileDiffs(true);
    for (int tool : SUPPORTED) {
      settings.addSupportedToolsValue(tool);
    }
    for (int tool : CLI_AGENT) {
      settings.addSupportedCliAgentToolsValue(tool);
    }
    var metadata = Request.Metadata.newBuilder()
        .putLogging(
            "entrypoint", Value.newBuilder().setStringValue("USER_INITIATED").build())
        .putLogging(
            "is_auto_resume_after_error", Value.newBuilder().setBoolValue(false).build())
        .putLogging(
            "is_autodetected_user_query", Value.newBuilder().setBoolValue(true).build());
    return Request.newBuilder()
        .setTaskContext(Request.TaskContext.getDefaultInstance())
        .setInput(Request.Input.newBuilder()
            .setContext(context)
            .setUserInputs(Request.Input.UserInputs.newBuilder()
                .addInputs(Request.Input.UserInputs.UserInput.newBuilder().setUserQuery(query))))
        .setSettings(settings)
        .setMetadata(metadata)
        .build();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void encodesEmptyTaskContextEmptyModeAndPrimaryAgentLikeTheCapture() {
    String wire = hex(firstTurn().toByteArray());
    assertThat(wire).startsWith("0a00");
    String query =
        hex(firstTurn().getInput().getUserInputs().getInputs(0).getUserQuery().toByteArray());
    assertThat(query).isEqualTo("0a06" + hex("你好".getBytes(StandardCharsets.UTF_8)) + "1a002001");
  }

  @Test
  void packsBothToolListsInCaptureOrder() {
    String settings = hex(firstTurn().getSettings().toByteArray());
    assertThat(settings).contains("4a13" + "06070c08090f0e000b100a141113120203010d");
    assertThat(settings).contains("b20107" + "0a1406070c0201");
  }

  @Test
  void decodesBackWithNoUnknownFieldsAndAllValues() throws Exception {
    var decoded = Request.parseFrom(firstTurn().toByteArray());
    assertThat(UnknownFields.paths(decoded)).isEmpty();
    assertThat(decoded).isEqualTo(firstTurn());
    assertThat(decoded.hasTaskContext()).isTrue();
    var query = decoded.getInput().getUserInputs().getInputs(0).getUserQuery();
    assertThat(query.hasMode()).isTrue();
    assertThat(query.getIntendedAgent()).isEqualTo(AgentType.AGENT_TYPE_PRIMARY);
    assertThat(decoded.getSettings().getModelConfig().getCliAgent()).isEqualTo("cli-agent-auto");
    assertThat(decoded.getSettings().getSupportedToolsValueList())
        .containsExactly(Arrays.stream(SUPPORTED).boxed().toArray(Integer[]::new));
    assertThat(decoded.getSettings().getSupportedCliAgentToolsList())
        .startsWith(
            ToolType.WRITE_TO_LONG_RUNNING_SHELL_COMMAND,
            ToolType.READ_SHELL_COMMAND_OUTPUT,
            ToolType.GREP);
  }
}
