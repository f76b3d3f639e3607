package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The golden response vectors E1–E5 (docs/PROTOCOL.md, 'Test vectors'), framed the legacy way. */
class LegacyVectorsTest {
  static final String E1 =
      "CkwKJDY2NjY2NjY2LTY2NjYtNDY2Ni04NjY2LTY2NjY2NjY2NjY2NhIkNzc3Nzc3NzctNzc3Ny00Nzc3LTg3NzctNzc3Nzc3Nzc3Nzc3";
  static final String E2 =
      "EnoKeBp2CiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESTgokODg4ODg4ODgtODg4OC00ODg4LTg4ODgtODg4ODg4ODg4ODg4GgBaJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMQ==";
  static final String E3 =
      "EpgBCpUBKpIBClUKJDg4ODg4ODg4LTg4ODgtNDg4OC04ODg4LTg4ODg4ODg4ODg4OBoHCgVIZWxsb1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExEhMKEWFnZW50X291dHB1dC50ZXh0GiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTE=";
  static final String E4 =
      "EqgBCqUBGqIBCiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESegokOTk5OTk5OTktOTk5OS00OTk5LTg5OTktOTk5OTk5OTk5OTk5IiwKCHRvb2x1XzAxYiAKC2dldF93ZWF0aGVyEhEKDwoEY2l0eRIHGgVQYXJpc1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTEx";
  static final String E5 = "GhoSAEIWCg9jbGF1ZGUtNC1zb25uZXQQsAkYIw==";

  private static final List<ChatEvent> EXPECTED = List.of(
      new ChatEvent.Started(
          "66666666-6666-4666-8666-666666666666", "77777777-7777-4777-8777-777777777777"),
      new ChatEvent.TextDelta("Hello"),
      new ChatEvent.ToolCallEvent(new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}")),
      new ChatEvent.Finished(FinishReason.DONE, new Usage(1200, 35, 1235, -1), null, false));

  private static List<ChatEvent> run(String body, int chunkSize) {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    ResponseStreamDecoder decoder = new ResponseStreamDecoder();
    List<ChatEvent> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += chunkSize) {
      out.addAll(decoder.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize))));
    }
    out.addAll(decoder.finish());
    return out;
  }

  @Test
  void legacyDataLinesYieldTextToolCallAndUsage() {
    String body =
        "data: " + E1 + "\r\n\r\n" + "data: " + E2 + "\r\n\r\n" + "data: " + E3 + "\r\n\r\n"
            + "data: " + E4 + "\r\n\r\n" + "data: " + E5 + "\r\n\r\n" + "data: [DONE]\r\n\r\n";
    for (int size : new int[] {1, 5, 17, 4096}) {
      assertThat(run(body, size)).as("chunk size %d", size).isEqualTo(EXPECTED);
    }
  }

  @Test
  void unpaddedStandardAndHexPayloadsMeanTheSame() {
    String e5Hex = "1a1a120042160a0f636c617564652d342d736f6e6e657410b0091823";
    String body = "data: \"" + E1 + "\"\n\n" + "data: " + E2.replace("=", "") + "\n\n"
        + "data: " + E3.replace('-', '+').replace('_', '/') + "\n\n"
        + "data: " + E4.substring(0, 80) + "\ndata: " + E4.substring(80) + "\n\n" + "data: " + e5Hex
        + "\n\n";
    assertThat(run(body, 9)).isEqualTo(EXPECTED);
  }
}
