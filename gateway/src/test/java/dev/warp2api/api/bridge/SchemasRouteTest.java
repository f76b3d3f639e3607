package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/schemas}: every message type with every field, not the original's first ten. */
class SchemasRouteTest {
  @AutoClose
  static final BridgeServer server = new BridgeServer(ScriptedWarp.goldenTurn());

  static JsonNode json;

  @BeforeAll
  static void start() {
    var answer = server.get("/api/schemas");
    assertThat(answer.status()).isEqualTo(200);
    json = answer.json();
  }

  static JsonNode schema(String fullName) {
    for (JsonNode schema : json.get("schemas")) {
      if (schema.get("full_name").asText().equals(fullName)) {
        return schema;
      }
    }
    throw new AssertionError("no schema " + fullName);
  }

  @Test
  void listsAllThirtyOneFieldsOfRequestSettings() {
    JsonNode settings = schema("warp.multi_agent.v1.Request.Settings");
    assertThat(settings.get("name").asText()).isEqualTo("Settings");
    assertThat(settings.get("field_count").asInt()).isEqualTo(31);
    assertThat(settings.get("fields")).hasSize(31);
    assertThat(settings.get("fields").get(0).toString())
        .isEqualTo(
            "{\"name\":\"model_config\",\"type\":11,\"label\":1,\"number\":1,"
                + "\"type_name\":\"warp.multi_agent.v1.Request.Settings.ModelConfig\",\"label_name\":\"singular\"}");
    List<String> supported = new ArrayList<>();
    for (JsonNode field : settings.get("fields")) {
      if (field.get("name").asText().equals("supported_tools")) {
        supported.add(field.toString());
      }
    }
    assertThat(supported)
        .containsExactly("{\"name\":\"supported_tools\",\"type\":14,\"label\":3,\"number\":9,"
            + "\"type_name\":\"warp.multi_agent.v1.ToolType\",\"label_name\":\"repeated\"}");
  }

  @Test
  void namesOneofsMapsAndDeprecatedFields() {
    JsonNode input = schema("warp.multi_agent.v1.Request.Input");
    JsonNode userQuery = null;
    JsonNode userInputs = null;
    for (JsonNode field : input.get("fields")) {
      if (field.get("name").asText().equals("user_query")) {
        userQuery = field;
      } else if (field.get("name").asText().equals("user_inputs")) {
        userInputs = field;
      }
    }
    assertThat(userInputs.get("oneof").asText()).isEqualTo("type");
    assertThat(userInputs.get("number").asInt()).isEqualTo(6);
    assertThat(userInputs.has("deprecated")).isFalse();
    assertThat(userQuery.get("deprecated").asBoolean()).isTrue();
    assertThat(schema("warp.multi_agent.v1.Request.Metadata").get("fields").toString())
        .contains("{\"name\":\"logging\",\"type\":11,\"label\":3,\"number\":2,"
            + "\"type_name\":\"map<string, google.protobuf.Value>\",\"label_name\":\"map\"}");
  }

  @Test
  void countsEveryMessageType() {
    assertThat(json.get("total_count").asInt())
        .isEqualTo(json.get("schemas").size())
        .isGreaterThan(100);
    assertThat(json.get("message").asText())
        .startsWith(json.get("total_count").asInt() + " message types");
  }
}
