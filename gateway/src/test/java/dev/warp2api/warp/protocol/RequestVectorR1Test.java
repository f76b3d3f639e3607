package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ToolType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden vector R1 (docs/PROTOCOL.md, 'Test vectors'): a first turn "Hello" as the 2025-08 bridge
 * encodes it.
 */
class RequestVectorR1Test {
  static final String R1_HEX =
      "0ad2010aa9010a2431313131313131312d313131312d343131312d383131312d3131313131313131313131312a80010a"
          + "2432323232323232322d323232322d343232322d383232322d32323232323232323232323222320a2433333333333333"
          + "332d333333332d343333332d383333332d333333333333333333333333220a0a084967495141513d3d5a243131313131"
          + "3131312d313131312d343131312d383131312d313131313131313131313131122431313131313131312d313131312d34"
          + "3131312d383131312d313131313131313131313131120d320b0a090a070a0548656c6c6f1a340a2f0a0f636c61756465"
          + "2d342d736f6e6e657412166770742d3520286869676820726561736f6e696e67291a046175746f4a01092242121e0a0a"
          + "656e747279706f696e7412101a0e555345525f494e4954494154454412200a1a69735f6175746f64657465637465645f"
          + "757365725f717565727912022001";
  static final String T = "11111111-1111-4111-8111-111111111111";

  static byte[] bytes() {
    return HexFormat.of().parseHex(R1_HEX);
  }

  @Test
  void vectorIsThe350DocumentedBytes() {
    assertThat(bytes()).hasSize(350);
  }

  @Test
  @SuppressWarnings("deprecation")
  void decodesTaskContextWithServerPreamble() throws Exception {
    var request = Request.parseFrom(bytes());
    var context = request.getTaskContext();
    assertThat(context.getActiveTaskId()).isEqualTo(T);
    assertThat(context.getTasksList()).hasSize(1);
    var task = context.getTasks(0);
    assertThat(task.getId()).isEqualTo(T);
    assertThat(task.getMessagesList()).hasSize(1);
    var preamble = task.getMessages(0);
    assertThat(preamble.getId()).isEqualTo("22222222-2222-4222-8222-222222222222");
    assertThat(preamble.getTaskId()).isEqualTo(T);
    assertThat(preamble.getToolCall().getToolCallId())
        .isEqualTo("33333333-3333-4333-8333-333333333333");
    assertThat(preamble.getToolCall().getServer().getPayload()).isEqualTo("IgIQAQ==");
  }

  @Test
  @SuppressWarnings("deprecation")
  void decodesQuerySettingsAndMetadata() throws Exception {
    var request = Request.parseFrom(bytes());
    var inputs = request.getInput().getUserInputs().getInputsList();
    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).getUserQuery().getQuery()).isEqualTo("Hello");

    var model = request.getSettings().getModelConfig();
    assertThat(model.getBase()).isEqualTo("claude-4-sonnet");
    assertThat(model.getPlanning()).isEqualTo("gpt-5 (high reasoning)");
    assertThat(model.getCoding()).isEqualTo("auto");
    assertThat(request.getSettings().getSupportedToolsList())
        .containsExactly(ToolType.CALL_MCP_TOOL);

    assertThat(request.getMetadata().getLoggingMap())
        .containsOnlyKeys("entrypoint", "is_autodetected_user_query")
        .containsEntry(
            "entrypoint", Value.newBuilder().setStringValue("USER_INITIATED").build())
        .containsEntry(
            "is_autodetected_user_query", Value.newBuilder().setBoolValue(true).build());
    assertThat(request.getMetadata().getConversationId()).isEmpty();
  }

  @Test
  void leavesNoUnknownFieldsAnywhere() throws Exception {
    assertThat(UnknownFields.paths(Request.parseFrom(bytes()))).isEmpty();
  }

  @Test
  void reserialisesToTheIdenticalBytes() throws Exception {
    assertThat(Request.parseFrom(bytes()).toByteArray()).isEqualTo(bytes());
  }
}
