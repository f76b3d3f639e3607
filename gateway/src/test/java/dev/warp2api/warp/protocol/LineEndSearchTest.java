package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time search for line ends that {@link SseEventReader} cuts lines with. */
class LineEndSearchTest {

  private static int naive(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        return i;
      }
    }
    return bytes.length;
  }

  @Test
  void findsTheFirstLineEndLikeAByteByByteScan() {
    Random random = new Random(42);
    byte[] alphabet = {
      '\n', '\r', 'a', 0, (byte) 0x8A, (byte) 0x8D, 0x0B, 0x0C, 0x09, (byte) 0xFF, 0x01, 0x7F
    };
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // mostly non-line-end bytes, so matches land anywhere in a word, or nowhere
        bytes[i] = random.nextInt(10) == 0
            ? alphabet[random.nextInt(2)]
            : alphabet[2 + random.nextInt(alphabet.length - 2)];
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      assertThat(SseEventReader.lineEnd(bytes, from))
          .as("bytes %s from %d", Arrays.toString(bytes), from)
          .isEqualTo(naive(bytes, from));
    }
  }

  @Test
  void reportsTheLengthWhenThereIsNoLineEnd() {
    byte[] bytes = "data:AAAABBBBCCCCDDDD==".getBytes(StandardCharsets.US_ASCII);
    assertThat(SseEventReader.lineEnd(bytes, 0)).isEqualTo(bytes.length);
    assertThat(SseEventReader.lineEnd(bytes, bytes.length)).isEqualTo(bytes.length);
  }

  @Test
  void findsALineEndBehindBytesThatDifferFromItOnlyInTheHighBit() {
    byte[] bytes = {
      (byte) 0x8A,
      (byte) 0x8D,
      (byte) 0x8A,
      (byte) 0x8D,
      (byte) 0x8A,
      (byte) 0x8D,
      (byte) 0x8A,
      '\r',
      '\n'
    };
    assertThat(SseEventReader.lineEnd(bytes, 0)).isEqualTo(7);
  }

  @Test
  void looksNoFurtherThanTheEndOfTheRange() {
    byte[] bytes = "0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
    for (int to = 0; to < bytes.length - 1; to++) {
      assertThat(SseEventReader.lineEnd(bytes, 0, to)).as("to %d", to).isEqualTo(to);
    }
    assertThat(SseEventReader.lineEnd(bytes, 3, bytes.length)).isEqualTo(16);
  }
}
