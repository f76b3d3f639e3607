package dev.warp2api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading a whole server-sent-events body as a test received it. */
public final class SseBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SseBodies() {}

  /**
   * The payloads of the {@code data:} lines of an SSE body, in order ({@code [DONE]} included as
   * text).
   */
  public static List<String> dataLines(String sse) {
    List<String> out = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ")) {
        out.add(line.substring(6));
      }
    }
    return out;
  }

  /**
   * The text of a streamed OpenAI answer: every chunk's {@code choices[0].delta.content} joined.
   * Every data line but {@code [DONE]} must be JSON.
   */
  public static String openAiText(String sse) {
    StringBuilder text = new StringBuilder();
    for (String data : dataLines(sse)) {
      if (!data.equals("[DONE]")) {
        JsonNode content = parse(data).at("/choices/0/delta/content");
        text.append(content.isTextual() ? content.asText() : "");
      }
    }
    return text.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
