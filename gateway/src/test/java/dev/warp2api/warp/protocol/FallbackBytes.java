package dev.warp2api.warp.protocol;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Test support: protobuf bytes put together by hand, for shapes the generated builders never write.
 */
final class FallbackBytes {
  private FallbackBytes() {}

  /** One length-delimited field holding the given parts, concatenated. */
  static byte[] field(int number, byte[]... parts) {
    byte[] content = concat(parts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      CodedOutputStream c = CodedOutputStream.newInstance(out);
      c.writeByteArray(number, content);
      c.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** The parts one after the other (for protobuf: merged, as if sent in one message). */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
