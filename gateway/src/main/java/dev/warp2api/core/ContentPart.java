package dev.warp2api.core;

import java.util.Objects;

/** A piece of a user message. */
public sealed interface ContentPart {

  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image given inline: its media type (e.g. {@code image/png}) and its bytes. */
  record Image(String mediaType, byte[] data) implements ContentPart {
    public Image {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(data, "data");
    }
  }
}
