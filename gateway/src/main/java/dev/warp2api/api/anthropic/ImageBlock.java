package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Fields.path;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.GatewayException;
import java.util.Base64;

/**
 * Reads an {@code image} block. Only inline base64 images are accepted: Warp takes image bytes, and
 * the gateway does not fetch URLs on a client's behalf.
 */
final class ImageBlock {

  ContentPart.Image read(ObjectNode block, String at) {
    String sourcePath = path(at, "source");
    ObjectNode source = Fields.requiredObject(block, "source", at);
    String type = Fields.requiredString(source, "type", sourcePath);
    String typePath = path(sourcePath, "type");
    switch (type) {
      case "base64" -> {
        String mediaType = Fields.requiredString(source, "media_type", sourcePath);
        String data = Fields.requiredString(source, "data", sourcePath);
        return new ContentPart.Image(mediaType, decode(data, path(sourcePath, "data")));
      }
      case "url" ->
        throw GatewayException.invalid(
            typePath + ": image URLs are not supported; send base64", typePath);
      default ->
        throw GatewayException.invalid(
            typePath + ": image source type '" + type + "' is not supported; send base64",
            typePath);
    }
  }

  private static byte[] decode(String data, String path) {
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid(path + ": not valid base64", path);
    }
  }
}
