package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.path;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ContentPart;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a message's {@code content}: a string, or an array of content parts. Only {@code text} and
 * (for user messages) {@code image_url} parts with a {@code data:} URL are understood; every other
 * part type is a 400 naming the part, never silently dropped. Stateless.
 */
public final class ContentParser {
  /** Line breaks some clients put into long base64 text; the decoder itself is strict. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ContentParser() {}

  /** User content: text and images in order. Content is required. */
  static List<ContentPart> userParts(JsonNode content, String path) {
    if (isMissing(content)) {
      throw invalid(path, "is required");
    }
    if (content.isTextual()) {
      return List.of(new ContentPart.Text(content.asText()));
    }
    if (!content.isArray()) {
      throw wrongType(path, "a string or an array of content parts", content);
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String partPath = index(path, i);
      JsonNode part = FieldReader.requireObject(content.get(i), partPath);
      String type = requiredString(part, "type", partPath);
      parts.add(
          switch (type) {
            case "text" -> new ContentPart.Text(requiredString(part, "text", partPath));
            case "image_url" -> image(part.get("image_url"), path(partPath, "image_url"));
            default -> throw unsupported(partPath, type);
          });
    }
    return parts;
  }

  /**
   * Text-only content (system, developer, assistant, tool): a string, or text parts joined with
   * {@code separator}. Returns null when the content is absent or null.
   */
  static String text(JsonNode content, String path, String separator) {
    if (isMissing(content)) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw wrongType(path, "a string or an array of text parts", content);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      String partPath = index(path, i);
      JsonNode part = FieldReader.requireObject(content.get(i), partPath);
      String type = requiredString(part, "type", partPath);
      String text = switch (type) {
        case "text" -> requiredString(part, "text", partPath);
        case "refusal" -> requiredString(part, "refusal", partPath);
        default -> throw unsupported(partPath, type);
      };
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(text);
    }
    return sb.toString();
  }

  private static RuntimeException unsupported(String partPath, String type) {
    return invalid(partPath, "has type `" + type + "`, which this gateway does not support here");
  }

  /** An {@code image_url} object ({@code {url, detail}}) or bare URL string; only data: URLs. */
  private static ContentPart.Image image(JsonNode imageUrl, String path) {
    String url;
    String urlPath;
    if (!isMissing(imageUrl) && imageUrl.isTextual()) {
      url = imageUrl.asText();
      urlPath = path;
    } else {
      FieldReader.requireObject(imageUrl, path);
      url = requiredString(imageUrl, "url", path);
      urlPath = path(path, "url");
    }
    return dataImage(url, urlPath);
  }

  /**
   * An image given as a {@code data:<image type>;base64,...} URL; a web address or any other URL is
   * a 400 naming {@code urlPath} (the gateway does not fetch images).
   */
  public static ContentPart.Image dataImage(String url, String urlPath) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      throw invalid(
          urlPath,
          "is a web address: image URLs must be data: URLs (the gateway does not fetch images)");
    }
    if (!lower.startsWith("data:")) {
      throw invalid(urlPath, "must be a data: URL such as data:image/png;base64,...");
    }
    int comma = url.indexOf(',');
    if (comma < 0) {
      throw invalid(urlPath, "is not a valid data: URL (no comma)");
    }
    String meta = url.substring(5, comma);
    if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      throw invalid(urlPath, "must be base64-encoded (data:<type>;base64,...)");
    }
    String mediaType =
        meta.substring(0, meta.length() - ";base64".length()).strip().toLowerCase(Locale.ROOT);
    if (!mediaType.startsWith("image/")) {
      throw invalid(urlPath, "must have an image media type, got `" + mediaType + "`");
    }
    try {
      byte[] bytes = Base64.getDecoder()
          .decode(WHITESPACE.matcher(url.substring(comma + 1)).replaceAll(""));
      if (bytes.length == 0) {
        throw invalid(urlPath, "holds no image data");
      }
      return new ContentPart.Image(mediaType, bytes);
    } catch (IllegalArgumentException e) {
      throw invalid(urlPath, "is not valid base64");
    }
  }
}
