package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.warp.protocol.pb.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bytes the generated parser rejects along the paths the view reads are rejected by the view too,
 * with the same typed error as before; bytes it accepts the view reads as it does.
 */
class EventViewRejectsBrokenBytesTest {

  private static List<byte[]> samples() {
    List<byte[]> out =
        new ArrayList<>(ViewOracle.bytesOf(WarpEvents.todaysTextTurn(List.of("你好！", "很高兴"))));
    for (String e : List.of(
        ResponseVectorsTest.E1,
        ResponseVectorsTest.E2,
        ResponseVectorsTest.E3,
        ResponseVectorsTest.E4,
        ResponseVectorsTest.E5)) {
      out.add(Base64.getUrlDecoder().decode(e));
    }
    return out;
  }

  @Test
  void everyTruncationFailsExactlyWhenTheFullParseFails() {
    int rejected = 0;
    for (byte[] event : samples()) {
      for (int n = 0; n < event.length; n++) {
        byte[] cut = Arrays.copyOf(event, n);
        if (ViewOracle.fullParse(cut) == null) {
          rejected++;
          assertThatThrownBy(() -> EventView.parse(cut))
              .as("%d of %d bytes", n, event.length)
              .isInstanceOf(EventStreamException.class)
              .satisfies(e -> assertThat(((EventStreamException) e).kind())
                  .isEqualTo(ErrorKind.UPSTREAM_FAILED));
        } else {
          ViewOracle.assertSameView(cut);
        }
      }
    }
    assertThat(rejected).isPositive();
  }

  @Test
  void truncatedPayloadsFailThroughTheDecoderAsBefore() {
    byte[] event = samples().get(6); // the first text chunk
    String payload = Base64.getUrlEncoder().encodeToString(Arrays.copyOf(event, event.length - 3));
    assertThatThrownBy(() -> EventPayloads.view(payload))
        .isInstanceOf(EventStreamException.class)
        .hasMessageContaining("not a ResponseEvent")
        .hasMessageNotContaining(payload);
    assertThatThrownBy(
            () -> new ResponseStreamDecoder().feed(("data:" + payload + "\n\n").getBytes()))
        .isInstanceOf(EventStreamException.class);
  }

  @Test
  void invalidUtf8InAStringTheViewReadsIsRejectedLikeTheFullParse() {
    byte[] event = WarpEvents.actions(WarpEvents.add(WarpEvents.text("m", "é"))).toByteArray();
    byte[] broken = event.clone();
    for (int i = 0; i < broken.length - 1; i++) {
      if ((broken[i] & 0xff) == 0xc3 && (broken[i + 1] & 0xff) == 0xa9) {
        broken[i + 1] = (byte) 0x28; // a lead byte without its continuation
      }
    }
    assertThat(ViewOracle.fullParse(broken)).isNull();
    assertThatThrownBy(() -> EventView.parse(broken)).isInstanceOf(EventStreamException.class);
  }

  @Test
  void aStrayEndGroupTagIsRejectedLikeTheFullParse() {
    byte[] message = FallbackBytes.concat(
        Message.newBuilder().setId("m").build().toByteArray(), new byte[] {0x0c});
    byte[] event = FallbackBytes.field(
        2, FallbackBytes.field(1, FallbackBytes.field(3, FallbackBytes.field(2, message))));
    assertThat(ViewOracle.fullParse(event)).isNull();
    assertThatThrownBy(() -> EventView.parse(event)).isInstanceOf(EventStreamException.class);
    assertThatThrownBy(() -> EventView.parse(new byte[] {0x0c}))
        .isInstanceOf(EventStreamException.class);
  }

  @Test
  void whateverTheFullParseAcceptsAfterARandomByteChangeTheViewReadsTheSame() {
    Random random = new Random(6);
    int accepted = 0;
    for (byte[] event : samples()) {
      for (int k = 0; k < 300; k++) {
        byte[] mutated = event.clone();
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        if (ViewOracle.fullParse(mutated) != null) {
          accepted++;
          ViewOracle.assertSameView(mutated);
        }
      }
    }
    assertThat(accepted).isGreaterThan(100);
  }
}
