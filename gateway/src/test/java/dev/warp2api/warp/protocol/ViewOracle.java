package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: what protobuf-java's generated parser says an event means, to hold
 * {@link EventView}'s byte walk against. The reference view is {@link EventView#of} of the fully
 * parsed event.
 */
final class ViewOracle {
  private ViewOracle() {}

  /** The view the full parse gives, or null when the generated parser rejects the bytes. */
  static EventView fullParse(byte[] bytes) {
    try {
      return EventView.of(ResponseEvent.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** Asserts the byte walk reads exactly what the full parse reads, and returns that view. */
  static EventView assertSameView(byte[] bytes) {
    EventView expected = fullParse(bytes);
    assertThat(expected).as("the generated parser accepts these bytes").isNotNull();
    EventView actual = EventView.parse(bytes);
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  /**
   * Translates a stream twice, once through the byte walk and once through the full parse (each
   * with its own translator and the same id supply), asserts both give the same chat events, and
   * returns them.
   */
  static List<ChatEvent> assertSameTranslation(List<byte[]> stream) {
    int[] ids = {0};
    EventTranslator viaView = new EventTranslator(() -> "toolu_gen" + ids[0]++);
    int[] refIds = {0};
    EventTranslator viaFull = new EventTranslator(() -> "toolu_gen" + refIds[0]++);
    List<ChatEvent> out = new ArrayList<>();
    List<ChatEvent> reference = new ArrayList<>();
    for (byte[] bytes : stream) {
      out.addAll(viaView.translate(assertSameView(bytes)));
      reference.addAll(viaFull.translate(fullParse(bytes)));
    }
    assertThat(out).isEqualTo(reference);
    return out;
  }

  static List<byte[]> bytesOf(List<ResponseEvent> events) {
    return events.stream().map(ResponseEvent::toByteArray).toList();
  }
}
