package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes Warp sends, however they are cut into chunks, the event decoder either hands out
 * events or fails with its one clear {@link EventStreamException} (which the pipeline turns into an
 * upstream error): never another exception, never a hang. A whole stream decodes to the same events
 * at every chunking.
 */
class DecoderSurvivesArbitraryBytesPropertiesTest {
  /** Small enough that generated streams also reach the too-large path. */
  private static final int MAX_EVENT_BYTES = 4096;

  private static final String VALID =
      WarpEvents.todaysSse(WarpEvents.todaysTextTurn(List.of("Hel", "lo ", "wor", "ld.")));

  @Property(tries = 300)
  void arbitraryBytesInArbitraryChunksFailOnlyAsAnEventStreamError(
      @ForAll("bytes") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
    decodeOrEventStreamError(stream, cuts);
  }

  @Property(tries = 300)
  void sseShapedNoiseAndTruncatedBase64FailOnlyAsAnEventStreamError(
      @ForAll("sseNoise") String stream, @ForAll("cuts") List<Integer> cuts) {
    decodeOrEventStreamError(stream.getBytes(StandardCharsets.UTF_8), cuts);
  }

  @Property(tries = 300)
  void aRealStreamCutShortOrDamagedFailsOnlyAsAnEventStreamError(
      @ForAll("damaged") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
    decodeOrEventStreamError(stream, cuts);
  }

  @Property(tries = 200)
  void aWholeStreamDecodesToTheSameEventsAtEveryChunking(@ForAll("cuts") List<Integer> cuts) {
    byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
    assertThat(decode(bytes, cuts)).isEqualTo(decode(bytes, List.of()));
  }

  private static void decodeOrEventStreamError(byte[] stream, List<Integer> cuts) {
    try {
      decode(stream, cuts);
    } catch (EventStreamException expected) {
      assertThat(expected.getMessage()).startsWith("Warp sent");
    }
  }

  /** Feeds {@code stream} cut at {@code cuts} (positions, wrapped into range), then finishes. */
  private static List<String> decode(byte[] stream, List<Integer> cuts) {
    ResponseStreamDecoder decoder = new ResponseStreamDecoder(MAX_EVENT_BYTES, false);
    List<String> seen = new ArrayList<>();
    ResponseStreamDecoder.EventHandler handler = (raw, events) -> {
      for (ChatEvent e : events) {
        seen.add(e.toString());
      }
      return true;
    };
    int[] points = cuts.stream()
        .mapToInt(c -> stream.length == 0 ? 0 : Math.floorMod(c, stream.length))
        .sorted()
        .toArray();
    int from = 0;
    for (int p : points) {
      decoder.feed(Buffer.buffer(Arrays.copyOfRange(stream, from, p)), handler);
      from = p;
    }
    decoder.feed(Buffer.buffer(Arrays.copyOfRange(stream, from, stream.length)), handler);
    decoder.finish(handler);
    return seen;
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(6000);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(12);
  }

  /** Lines of SSE fields with payloads of base64 (whole, cut short, of random bytes) or noise. */
  @Provide
  Arbitrary<String> sseNoise() {
    Arbitrary<String> payload = Arbitraries.oneOf(
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(300)
            .map(b -> Base64.getUrlEncoder().encodeToString(b)),
        Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300),
                Arbitraries.integers().between(0, 400))
            .as((b, keep) -> {
              String full = Base64.getEncoder().encodeToString(b);
              return full.substring(0, Math.min(keep, full.length()));
            }),
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(200));
    Arbitrary<String> field =
        Arbitraries.of("data:", "data: ", "event:data\ndata:", "id:", ": ", "");
    Arbitrary<String> end = Arbitraries.of("\n\n", "\n", "\r\n\r\n", "\r", "");
    Arbitrary<String> line = Combinators.combine(field, payload, end).as((f, p, e) -> f + p + e);
    return line.list().ofMaxSize(20).map(lines -> String.join("", lines));
  }

  /** Today's real stream cut at a random point and with a few bytes overwritten. */
  @Provide
  Arbitrary<byte[]> damaged() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    return Combinators.combine(
            Arbitraries.integers().between(0, valid.length),
            Arbitraries.integers().between(0, valid.length - 1).list().ofMaxSize(4),
            Arbitraries.bytes().list().ofSize(4))
        .as((keep, at, with) -> {
          byte[] b = Arrays.copyOf(valid, keep);
          for (int i = 0; i < at.size(); i++) {
            if (at.get(i) < b.length) {
              b[at.get(i)] = with.get(i);
            }
          }
          return b;
        });
  }
}
