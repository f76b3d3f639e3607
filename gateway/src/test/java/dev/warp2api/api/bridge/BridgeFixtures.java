package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Golden vectors R1, R2 and E1-E5 (docs/PROTOCOL.md, 'Test vectors'), as the bridge tests use them.
 */
final class BridgeFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String T = "11111111-1111-4111-8111-111111111111";
  static final String CONVERSATION = "66666666-6666-4666-8666-666666666666";

  static final String R1_HEX =
      "0ad2010aa9010a2431313131313131312d313131312d343131312d383131312d3131313131313131313131312a80010a"
          + "2432323232323232322d323232322d343232322d383232322d32323232323232323232323222320a2433333333333333"
          + "332d333333332d343333332d383333332d333333333333333333333333220a0a084967495141513d3d5a243131313131"
          + "3131312d313131312d343131312d383131312d313131313131313131313131122431313131313131312d313131312d34"
          + "3131312d383131312d313131313131313131313131120d320b0a090a070a0548656c6c6f1a340a2f0a0f636c61756465"
          + "2d342d736f6e6e657412166770742d3520286869676820726561736f6e696e67291a046175746f4a01092242121e0a0a"
          + "656e747279706f696e7412101a0e555345525f494e4954494154454412200a1a69735f6175746f64657465637465645f"
          + "757365725f717565727912022001";

  /**
   * The R1 packet as JSON, exactly as the bridge's clients send it (after the original's cleaning).
   */
  static final String R1_JSON = """
      {"task_context": {"tasks": [{"id": "T", "messages": [{"id": "22222222-2222-4222-8222-222222222222",
          "task_id": "T", "tool_call": {"tool_call_id": "33333333-3333-4333-8333-333333333333",
          "server": {"payload": "IgIQAQ=="}}}]}], "active_task_id": "T"},
       "input": {"user_inputs": {"inputs": [{"user_query": {"query": "Hello"}}]}},
       "settings": {"model_config": {"base": "claude-4-sonnet", "planning": "gpt-5 (high reasoning)",
          "coding": "auto"}, "supported_tools": ["CALL_MCP_TOOL"]},
       "metadata": {"logging": {"entrypoint": "USER_INITIATED", "is_autodetected_user_query": true}}}
      """.replace("\"T\"", "\"" + T + "\"");

  static final String R2_BASE64 =
      "Cq8DCoYDCiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTEqgAEKJDIyMjIyMjIyLTIyMjItNDIyMi04MjIyLTIyMjIyMjIyMjIyMiIyCiQzMzMzMzMzMy0zMzMzLTQzMzMtODMzMy0zMzMzMzMzMzMzMzMiCgoISWdJUUFRPT1aJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMSphCiQ0NDQ0NDQ0NC00NDQ0LTQ0NDQtODQ0NC00NDQ0NDQ0NDQ0NDQSEwoRV2VhdGhlciBpbiBQYXJpcz9aJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMSp4CiQ1NTU1NTU1NS01NTU1LTQ1NTUtODU1NS01NTU1NTU1NTU1NTUiKgoGY2FsbF8xYiAKC2dldF93ZWF0aGVyEhEKDwoEY2l0eRIHGgVQYXJpc1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExEiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESITIfCh0SGwoGY2FsbF8xYhEKDwoNCgsKCTE4QyBzdW5ueRo0Ci8KD2NsYXVkZS00LXNvbm5ldBIWZ3B0LTUgKGhpZ2ggcmVhc29uaW5nKRoEYXV0b0oBCSJoCiQ2NjY2NjY2Ni02NjY2LTQ2NjYtODY2Ni02NjY2NjY2NjY2NjYSHgoKZW50cnlwb2ludBIQGg5VU0VSX0lOSVRJQVRFRBIgChppc19hdXRvZGV0ZWN0ZWRfdXNlcl9xdWVyeRICIAEy3AES2QEKC2dldF93ZWF0aGVyEhZHZXQgd2VhdGhlciBmb3IgYSBjaXR5GrEBCjQKByRzY2hlbWESKRonaHR0cDovL2pzb24tc2NoZW1hLm9yZy9kcmFmdC0wNy9zY2hlbWEjChAKBHR5cGUSCBoGb2JqZWN0ChYKCHJlcXVpcmVkEgoyCAoGGgRjaXR5Ck8KCnByb3BlcnRpZXMSQSo/Cj0KBGNpdHkSNSozChAKBHR5cGUSCBoGc3RyaW5nCh8KC2Rlc2NyaXB0aW9uEhAaDmNpdHkgcGFyYW1ldGVy";

  static final String E1 =
      "CkwKJDY2NjY2NjY2LTY2NjYtNDY2Ni04NjY2LTY2NjY2NjY2NjY2NhIkNzc3Nzc3NzctNzc3Ny00Nzc3LTg3NzctNzc3Nzc3Nzc3Nzc3";
  static final String E2 =
      "EnoKeBp2CiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESTgokODg4ODg4ODgtODg4OC00ODg4LTg4ODgtODg4ODg4ODg4ODg4GgBaJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMQ==";
  static final String E3 =
      "EpgBCpUBKpIBClUKJDg4ODg4ODg4LTg4ODgtNDg4OC04ODg4LTg4ODg4ODg4ODg4OBoHCgVIZWxsb1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExEhMKEWFnZW50X291dHB1dC50ZXh0GiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTE=";
  static final String E4 =
      "EqgBCqUBGqIBCiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESegokOTk5OTk5OTktOTk5OS00OTk5LTg5OTktOTk5OTk5OTk5OTk5IiwKCHRvb2x1XzAxYiAKC2dldF93ZWF0aGVyEhEKDwoEY2l0eRIHGgVQYXJpc1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTEx";
  static final String E5 = "GhoSAEIWCg9jbGF1ZGUtNC1zb25uZXQQsAkYIw==";
  static final String[] EVENTS = {E1, E2, E3, E4, E5};

  private BridgeFixtures() {}

  static byte[] r1() {
    return HexFormat.of().parseHex(R1_HEX);
  }

  static String r1Base64() {
    return Base64.getEncoder().encodeToString(r1());
  }

  static ResponseEvent event(String base64) {
    try {
      return ResponseEvent.parseFrom(
          Base64.getUrlDecoder().decode(base64.replace('+', '-').replace('/', '_')));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
