package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

  private static List<String> feedInChunks(String stream, int chunkSize) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    SseEventReader reader = new SseEventReader();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += chunkSize) {
      out.addAll(reader.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize))));
    }
    out.addAll(reader.finish());
    return out;
  }

  @Test
  void readsTodaysFramingAtEveryChunkSize() {
    String stream = "event:data\ndata:AAAA\n\nevent:data\ndata:BBBB==\n\n";
    for (int size = 1; size <= stream.length(); size++) {
      assertThat(feedInChunks(stream, size))
          .as("chunk size %d", size)
          .containsExactly("AAAA", "BBBB==");
    }
  }

  @Test
  void concatenatesLegacyDataLinesAndStopsAtDone() {
    String stream =
        ": comment\r\nid: 1\r\nretry: 10\r\ndata: AB\r\ndata: CD\r\n\r\ndata: [DONE]\r\n\r\ndata: EF\n\n";
    for (int size = 1; size <= stream.length(); size++) {
      assertThat(feedInChunks(stream, size)).as("chunk size %d", size).containsExactly("ABCD");
    }
  }

  @Test
  void splitsBetweenCarriageReturnAndLineFeedWithoutAnExtraBlankLine() {
    SseEventReader reader = new SseEventReader();
    assertThat(reader.feed("data:AB\r".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(reader.feed("\ndata:CD\r".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(reader.feed("\n\r\n".getBytes(StandardCharsets.US_ASCII))).containsExactly("ABCD");
  }

  @Test
  void keepsMultiByteCharactersSplitAcrossChunks() {
    byte[] bytes = "data:é€😀\n\n".getBytes(StandardCharsets.UTF_8);
    SseEventReader reader = new SseEventReader();
    List<String> out = new ArrayList<>();
    for (byte b : bytes) {
      out.addAll(reader.feed(Buffer.buffer(new byte[] {b})));
    }
    assertThat(out).containsExactly("é€😀");
  }

  @Test
  void decodesAPayloadLeftWithoutItsBlankLineAtEndOfStream() {
    SseEventReader reader = new SseEventReader();
    assertThat(reader.feed("data:AAAA\n\ndata:BBBB".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly("AAAA");
    assertThat(reader.finish()).containsExactly("BBBB");
    assertThat(reader.isDone()).isTrue();
    assertThat(reader.feed("data:CCCC\n\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void ignoresBlankLinesWithoutDataAndEmptyDataLines() {
    assertThat(feedInChunks("\n\nevent:data\n\ndata:\n\ndata: \n\n", 3)).isEmpty();
  }

  @Test
  void refusesAnEventLargerThanTheBound() {
    SseEventReader reader = new SseEventReader(16);
    reader.feed("data:0123456789\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> reader.feed("data:0123456789\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(EventStreamException.class)
        .satisfies(e ->
            assertThat(((EventStreamException) e).kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
  }

  @Test
  void refusesAnEndlessLine() {
    SseEventReader reader = new SseEventReader(16);
    assertThatThrownBy(() -> reader.feed(new byte[17])).isInstanceOf(EventStreamException.class);
  }

  @Test
  void readsOnlyTheBytesOfABufferThatIsASliceOfALargerArray() {
    byte[] around = "data:XXXX\n\ndata:AAAA\n\ndata:BB".getBytes(StandardCharsets.US_ASCII);
    ByteBuf slice = Unpooled.wrappedBuffer(around).skipBytes(2).slice(11, around.length - 11 - 4);
    assertThat(slice.hasArray()).isTrue();
    assertThat(slice.arrayOffset()).isPositive();
    SseEventReader reader = new SseEventReader();
    assertThat(reader.feed(BufferInternal.buffer(slice))).containsExactly("AAAA");
    assertThat(reader.finish())
        .isEmpty(); // "data:BB" lay outside the slice: nothing of it was read
  }

  @Test
  void readsABufferWithoutAnArrayToo() {
    ByteBuf direct = Unpooled.directBuffer()
        .writeBytes("data:AAAA\n\ndata:BBBB\n\n".getBytes(StandardCharsets.US_ASCII));
    try {
      assertThat(direct.hasArray()).isFalse();
      assertThat(new SseEventReader().feed(BufferInternal.buffer(direct)))
          .containsExactly("AAAA", "BBBB");
    } finally {
      direct.release();
    }
  }

  @Test
  void theEventBoundLetsTheBase64EchoOfAnyBodyUnderTheLimitThrough() {
    long twentyMiB = 20L << 20;
    assertThat(SseEventReader.maxEventBytesFor(twentyMiB))
        .isGreaterThanOrEqualTo((int) (twentyMiB * 4 / 3 + (1 << 20)));
    assertThat(SseEventReader.maxEventBytesFor(4096))
        .isEqualTo(SseEventReader.DEFAULT_MAX_EVENT_BYTES);
    assertThat(SseEventReader.maxEventBytesFor(Long.MAX_VALUE / 2)).isPositive();
  }
}
