package dev.warp2api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.GatewayException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an admin may send to create or change a key, checked whole before anything changes: every
 * bad field is a 400 naming it ({@code name}, {@code models}, {@code daily_tokens},
 * {@code requests_per_minute}).
 */
final class KeyRules {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  static final Pattern MODEL_PATTERN = Pattern.compile("[A-Za-z0-9._:/*-]{1,128}");
  /** The names {@code API_TOKEN} keys take, and the ones the usage views reserve. */
  static final Pattern RESERVED = Pattern.compile("key-\\d+|anonymous|other");

  static final int MAX_MODELS = 64;
  static final int MAX_PER_MINUTE = 1_000_000;
  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "models", "daily_tokens", "requests_per_minute");
  private static final Set<String> PATCH_FIELDS =
      Set.of("models", "daily_tokens", "requests_per_minute");

  private KeyRules() {}

  /** A change of limits: each field either left as it is or set (null clears it). */
  record Limits(
      boolean setModels,
      List<String> models,
      boolean setDaily,
      long dailyTokens,
      boolean setPerMinute,
      int perMinute) {
    NamedKey applyTo(NamedKey key) {
      return key.with(
          setModels ? models : key.models(),
          setDaily ? dailyTokens : key.dailyTokens(),
          setPerMinute ? perMinute : key.requestsPerMinute());
    }
  }

  static String name(JsonNode body) {
    requireObject(body);
    onlyKnownFields(body, CREATE_FIELDS);
    JsonNode n = body.get("name");
    if (n == null || !n.isTextual()) {
      throw GatewayException.invalid("name is required: a string such as 'team-a'.", "name");
    }
    return checkedName(n.asText());
  }

  static String checkedName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw GatewayException.invalid(
          "name must be 1 to 63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or"
              + " digit.",
          "name");
    }
    if (RESERVED.matcher(name).matches()) {
      throw GatewayException.invalid(
          "name '" + name + "' is reserved (key-N names the API_TOKEN keys).", "name");
    }
    return name;
  }

  static Limits forCreate(JsonNode body) {
    return limits(body);
  }

  static Limits forPatch(JsonNode body) {
    requireObject(body);
    onlyKnownFields(body, PATCH_FIELDS);
    return limits(body);
  }

  private static Limits limits(JsonNode body) {
    boolean setModels = body.has("models");
    List<String> models = setModels ? models(body.get("models")) : List.of();
    boolean setDaily = body.has("daily_tokens");
    long daily = setDaily ? daily(body.get("daily_tokens")) : -1;
    boolean setPerMinute = body.has("requests_per_minute");
    int perMinute = setPerMinute ? perMinute(body.get("requests_per_minute")) : 0;
    return new Limits(setModels, models, setDaily, daily, setPerMinute, perMinute);
  }

  private static List<String> models(JsonNode node) {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.size() > MAX_MODELS) {
      throw GatewayException.invalid(
          "models must be an array of up to " + MAX_MODELS
              + " model id patterns such as 'claude-*', or null for every model.",
          "models");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode m : node) {
      if (!m.isTextual() || !MODEL_PATTERN.matcher(m.asText()).matches()) {
        throw GatewayException.invalid(
            "models must hold model id patterns of letters, digits, '.', '_', '-', ':', '/' and"
                + " '*' (e.g. 'claude-*').",
            "models");
      }
      out.add(m.asText());
    }
    return out;
  }

  private static long daily(JsonNode node) {
    if (node.isNull()) {
      return -1;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw GatewayException.invalid(
          "daily_tokens must be a whole number of tokens, 0 or more, or null for no budget.",
          "daily_tokens");
    }
    return node.asLong();
  }

  private static int perMinute(JsonNode node) {
    if (node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < 1
        || node.asLong() > MAX_PER_MINUTE) {
      throw GatewayException.invalid(
          "requests_per_minute must be a whole number from 1 to " + MAX_PER_MINUTE
              + ", or null for no limit.",
          "requests_per_minute");
    }
    return (int) node.asLong();
  }

  private static void requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw GatewayException.invalid("The request body must be a JSON object.", null);
    }
  }

  private static void onlyKnownFields(JsonNode body, Set<String> known) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw GatewayException.invalid(
            "Unknown field '" + (f.length() > 40 ? f.substring(0, 40) + "..." : f)
                + "'; a key takes " + String.join(", ", known.stream().sorted().toList()) + ".",
            f.length() > 40 ? null : f);
      }
    }
  }
}
