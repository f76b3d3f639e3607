package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lookup by full name and the {@code /api/schemas} listing. */
class MessageTypesTest {
  static SchemaEntry schema(String fullName) {
    return MessageTypes.schemas().stream()
        .filter(s -> s.fullName().equals(fullName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void findsTopLevelAndNestedMessages() {
    assertThat(MessageTypes.descriptor("warp.multi_agent.v1.Request"))
        .isSameAs(Request.getDescriptor());
    assertThat(MessageTypes.descriptor("warp.multi_agent.v1.ResponseEvent"))
        .isSameAs(ResponseEvent.getDescriptor());
    assertThat(MessageTypes.descriptor(
            "warp.multi_agent.v1.ResponseEvent.StreamFinished.ConversationUsageMetadata"))
        .isSameAs(ResponseEvent.StreamFinished.ConversationUsageMetadata.getDescriptor());
    assertThat(MessageTypes.descriptor("warp.multi_agent.v1.TaskList").getFields())
        .hasSize(2);
  }

  @Test
  void rejectsUnknownMessageTypeNamingTheParam() {
    assertThatThrownBy(() -> MessageTypes.descriptor("warp.multi_agent.v1.Response"))
        .isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("unknown message_type 'warp.multi_agent.v1.Response'")
        .satisfies(e -> {
          assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(((GatewayException) e).param()).isEqualTo("message_type");
        });
    assertThatThrownBy(() -> MessageTypes.descriptor(null)).isInstanceOf(GatewayException.class);
  }

  @Test
  void listsEveryMessageButNoMapEntryHelpers() {
    assertThat(MessageTypes.schemas()).hasSize(420);
    assertThat(MessageTypes.schemas()).noneMatch(s -> s.name().endsWith("Entry"));
    assertThat(MessageTypes.schemas())
        .allMatch(s -> s.fieldCount() == s.fields().size());
  }

  @Test
  void listsAllFieldsWithTypeLabelNumberOneofAndDeprecation() {
    var settings = schema("warp.multi_agent.v1.Request.Settings");
    assertThat(settings.fieldCount()).isEqualTo(31);
    assertThat(settings.fields())
        .extracting(SchemaEntry.Field::number)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 31).boxed().toList());
    assertThat(settings.fields().get(8))
        .isEqualTo(new SchemaEntry.Field(
            "supported_tools", "warp.multi_agent.v1.ToolType", "repeated", 9, null, false, 14, 3));

    var input = schema("warp.multi_agent.v1.Request.Input");
    assertThat(input.fields())
        .contains(
            new SchemaEntry.Field(
                "context", "warp.multi_agent.v1.InputContext", "singular", 1, null, false, 11, 1),
            new SchemaEntry.Field(
                "user_inputs",
                "warp.multi_agent.v1.Request.Input.UserInputs",
                "singular",
                6,
                "type",
                false,
                11,
                1),
            new SchemaEntry.Field(
                "user_query",
                "warp.multi_agent.v1.Request.Input.UserQuery",
                "singular",
                2,
                "type",
                true,
                11,
                1));

    var metadata = schema("warp.multi_agent.v1.Request.Metadata");
    assertThat(metadata.fields().get(1))
        .isEqualTo(new SchemaEntry.Field(
            "logging", "map<string, google.protobuf.Value>", "map", 2, null, false, 11, 3));
  }
}
