package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path for today's padded base64url payloads reads exactly what the general decoder reads.
 */
class CanonicalPayloadDecodingTest {

  @Test
  void paddedBase64UrlOfEveryLengthDecodesToTheSameEvent() {
    Random random = new Random(42);
    for (int length = 0; length < 300; length++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.append((char) (random.nextInt(0x3000) + 32));
      }
      ResponseEvent event = ResponseEvent.newBuilder()
          .setInit(ResponseEvent.StreamInit.newBuilder()
              .setConversationId(text.toString())
              .setRequestId("r" + length))
          .build();
      String padded = Base64.getUrlEncoder().encodeToString(event.toByteArray());
      String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(event.toByteArray());
      String standard = Base64.getEncoder().encodeToString(event.toByteArray());
      assertThat(EventPayloads.decode(padded)).isEqualTo(event);
      assertThat(EventPayloads.decode(unpadded)).isEqualTo(event);
      assertThat(EventPayloads.decode(standard)).isEqualTo(event);
    }
  }

  @Test
  void aCharacterOutsideLatin1IsNotABase64Digit() {
    ResponseEvent event = ResponseEvent.newBuilder()
        .setInit(ResponseEvent.StreamInit.newBuilder().setConversationId("c").setRequestId("r"))
        .build();
    String padded = Base64.getUrlEncoder().encodeToString(event.toByteArray());
    // U+0141 and U+00C1 end in the byte of 'A'; neither may be read as that digit
    for (char alien : new char[] {'\u0141', '\u00c1'}) {
      String text = alien + padded.substring(1);
      assertThatThrownBy(() -> EventPayloads.bytes(text))
          .as("with U+%04X", (int) alien)
          .isInstanceOf(EventStreamException.class);
    }
  }
}
