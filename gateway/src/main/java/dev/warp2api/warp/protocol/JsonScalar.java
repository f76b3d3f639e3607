package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.warp2api.core.GatewayException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Conversion of one JSON value to a protobuf scalar or enum value, with path-naming errors.
 * Stateless.
 */
final class JsonScalar {
  private static final BigInteger UINT32_MAX =
      BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonScalar() {}

  static Object scalar(FieldDescriptor.Type type, JsonNode node, String path) {
    return switch (type) {
      case INT32, SINT32, SFIXED32 ->
        integer(
                node,
                path,
                "int32",
                BigInteger.valueOf(Integer.MIN_VALUE),
                BigInteger.valueOf(Integer.MAX_VALUE))
            .intValue();
      case UINT32, FIXED32 ->
        integer(node, path, "uint32", BigInteger.ZERO, UINT32_MAX).intValue();
      case INT64, SINT64, SFIXED64 ->
        integer(node, path, "int64", LONG_MIN, LONG_MAX).longValue();
      case UINT64, FIXED64 ->
        integer(node, path, "uint64", BigInteger.ZERO, UINT64_MAX).longValue();
      case FLOAT -> {
        double d = floating(node, path, "float");
        if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
          throw invalid(path, "expected float but got " + node.asText() + " (out of range)");
        }
        yield (float) d;
      }
      case DOUBLE -> floating(node, path, "double");
      case BOOL -> bool(node, path);
      case STRING -> {
        if (!node.isTextual()) {
          throw mismatch(path, "a string", node);
        }
        yield node.textValue();
      }
      case BYTES -> bytes(node, path);
      case MESSAGE, GROUP, ENUM ->
        throw invalid(path, "fields of type " + type + " cannot be set from JSON");
    };
  }

  static EnumValueDescriptor enumValue(EnumDescriptor type, JsonNode node, String path) {
    if (node.isTextual()) {
      EnumValueDescriptor value = type.findValueByName(node.textValue());
      if (value == null) {
        String names = type.getValues().stream()
            .map(EnumValueDescriptor::getName)
            .collect(Collectors.joining(", "));
        throw invalid(
            path,
            "unknown enum value '" + node.textValue() + "' for " + type.getFullName()
                + "; expected a number or one of " + names);
      }
      return value;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return type.findValueByNumberCreatingIfUnknown(node.intValue());
    }
    throw mismatch(path, "an enum name or int32 number of " + type.getFullName(), node);
  }

  private static BigInteger integer(
      JsonNode node, String path, String type, BigInteger min, BigInteger max) {
    BigDecimal decimal;
    if (node.isNumber()) {
      decimal = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        decimal = new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw mismatch(path, type, node);
      }
    } else {
      throw mismatch(path, type, node);
    }
    BigInteger value;
    try {
      value = decimal.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw invalid(
          path, "expected " + type + " but got " + decimal.toPlainString() + " (not an integer)");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw invalid(path, "expected " + type + " but got " + value + " (out of range)");
    }
    return value;
  }

  private static double floating(JsonNode node, String path, String type) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      switch (node.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return new BigDecimal(node.textValue().trim()).doubleValue();
          } catch (NumberFormatException e) {
            throw mismatch(path, type, node);
          }
      }
    }
    throw mismatch(path, type, node);
  }

  private static boolean bool(JsonNode node, String path) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() && (node.textValue().equals("true") || node.textValue().equals("false"))) {
      return Boolean.parseBoolean(node.textValue());
    }
    throw mismatch(path, "a boolean", node);
  }

  private static ByteString bytes(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw mismatch(path, "base64 bytes", node);
    }
    String text = node.textValue();
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return ByteString.copyFrom(
          (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text));
    } catch (IllegalArgumentException e) {
      throw invalid(
          path,
          "expected base64 bytes (standard or url-safe alphabet) but got a string that is not base64");
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static GatewayException invalid(String path, String problem) {
    String where = path.isEmpty() ? "(root)" : path;
    return GatewayException.invalid(where + ": " + problem, path.isEmpty() ? null : path);
  }

  static GatewayException mismatch(String path, String expected, JsonNode node) {
    return invalid(path, "expected " + expected + " but got " + describe(node));
  }

  /** Names the kind of a JSON value; shows numbers and booleans, never the text of a string. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> node.asText();
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      case BINARY, MISSING, POJO -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
