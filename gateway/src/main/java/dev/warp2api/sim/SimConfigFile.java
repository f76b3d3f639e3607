package dev.warp2api.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.core.GatewayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the simulator's JSON config. Every key is optional; unknown keys are errors (a typo must
 * not be silently ignored). Durations are seconds (number) or ISO-8601 ({@code "PT1H"}); instants
 * are RFC 3339.
 *
 * <pre>{@code
 * { "accounts": [ { "refresh_token": "…", "label": "personal-1", "request_limit": 150, "used": 0,
 *                   "next_refresh_time": "2026-02-21T14:06:36Z" | "reset_after": 86400, "revoked": false } ],
 *   "token_lifetime": 3600, "legacy": false, "credits_per_request": 1,
 *   "models": [ { "id": "claude-4-5-sonnet", "display_name": "Claude Sonnet 4.5", "provider": "ANTHROPIC",
 *                 "vision_supported": true, "context_window": 200000 } ],
 *   "reply_deltas": 4, "reply_gap": 0.05 }
 * }</pre>
 */
final class SimConfigFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of(
      "accounts",
      "token_lifetime",
      "legacy",
      "credits_per_request",
      "models",
      "reply_deltas",
      "reply_gap");
  private static final Set<String> ACCOUNT = Set.of(
      "refresh_token",
      "label",
      "request_limit",
      "used",
      "next_refresh_time",
      "reset_after",
      "revoked");
  private static final Set<String> MODEL =
      Set.of("id", "display_name", "provider", "vision_supported", "context_window");

  private SimConfigFile() {}

  static SimConfig read(Path file, Clock clock) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw GatewayException.invalid(
          "sim config " + file + " cannot be read as JSON: " + e.getClass().getSimpleName(),
          "config");
    }
    return parse(root, clock);
  }

  static SimConfig parse(JsonNode root, Clock clock) {
    if (root == null || !root.isObject()) {
      throw GatewayException.invalid("sim config must be a JSON object", "config");
    }
    checkKeys(root, TOP, "");
    SimConfig d = SimConfig.defaults().withClock(clock);
    List<SimAccountSpec> accounts = new ArrayList<>();
    JsonNode acc = root.path("accounts");
    if (!acc.isMissingNode()) {
      if (!acc.isArray()) {
        throw GatewayException.invalid("sim config: accounts must be an array", "accounts");
      }
      for (int i = 0; i < acc.size(); i++) {
        accounts.add(account(acc.get(i), "accounts[" + i + "]"));
      }
    }
    List<SimModel> models = d.models();
    JsonNode ms = root.path("models");
    if (!ms.isMissingNode()) {
      if (!ms.isArray() || ms.isEmpty()) {
        throw GatewayException.invalid("sim config: models must be a non-empty array", "models");
      }
      models = new ArrayList<>();
      for (int i = 0; i < ms.size(); i++) {
        models.add(model(ms.get(i), "models[" + i + "]"));
      }
    }
    try {
      return new SimConfig(
          accounts,
          duration(root, "token_lifetime", d.tokenLifetime()),
          bool(root, "legacy", false),
          (int) integer(root, "credits_per_request", d.creditsPerRequest()),
          models,
          (int) integer(root, "reply_deltas", d.replyDeltas()),
          duration(root, "reply_gap", d.replyGap()),
          clock);
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid("sim config: " + e.getMessage(), "config");
    }
  }

  private static SimAccountSpec account(JsonNode n, String at) {
    if (!n.isObject()) {
      throw GatewayException.invalid("sim config: " + at + " must be an object", at);
    }
    checkKeys(n, ACCOUNT, at + ".");
    String token = text(n, "refresh_token", null, at);
    if (token == null || token.isBlank()) {
      throw GatewayException.invalid(
          "sim config: " + at + ".refresh_token is required", at + ".refresh_token");
    }
    Instant next = null;
    String nextText = text(n, "next_refresh_time", null, at);
    if (nextText != null) {
      try {
        next = Instant.parse(nextText);
      } catch (DateTimeParseException e) {
        throw GatewayException.invalid(
            "sim config: " + at + ".next_refresh_time is not RFC 3339: " + nextText,
            at + ".next_refresh_time");
      }
    }
    try {
      return new SimAccountSpec(
          token,
          text(n, "label", null, at),
          integer(n, "request_limit", 150),
          integer(n, "used", 0),
          next,
          duration(n, "reset_after", null),
          bool(n, "revoked", false));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid("sim config: " + at + ": " + e.getMessage(), at);
    }
  }

  private static SimModel model(JsonNode n, String at) {
    if (!n.isObject()) {
      throw GatewayException.invalid("sim config: " + at + " must be an object", at);
    }
    checkKeys(n, MODEL, at + ".");
    String id = text(n, "id", null, at);
    if (id == null) {
      throw GatewayException.invalid("sim config: " + at + ".id is required", at + ".id");
    }
    try {
      return new SimModel(
          id,
          text(n, "display_name", id, at),
          text(n, "provider", "WARP", at),
          bool(n, "vision_supported", false),
          (int) integer(n, "context_window", 200_000));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid("sim config: " + at + ": " + e.getMessage(), at);
    }
  }

  private static void checkKeys(JsonNode n, Set<String> allowed, String prefix) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw GatewayException.invalid(
            "sim config: unknown key " + prefix + k + " (allowed: " + allowed + ")", prefix + k);
      }
    }
  }

  private static String text(JsonNode n, String key, String dflt, String at) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw GatewayException.invalid(
          "sim config: " + at + "." + key + " must be a string", at + "." + key);
    }
    return v.asText();
  }

  private static long integer(JsonNode n, String key, long dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber()) {
      throw GatewayException.invalid("sim config: " + key + " must be an integer, got " + v, key);
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode n, String key, boolean dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw GatewayException.invalid(
          "sim config: " + key + " must be true or false, got " + v, key);
    }
    return v.asBoolean();
  }

  private static Duration duration(JsonNode n, String key, Duration dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber()) {
      return Duration.ofMillis(Math.round(v.asDouble() * 1000));
    }
    try {
      return Duration.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw GatewayException.invalid(
          "sim config: " + key + " must be seconds or ISO-8601 (PT1H), got " + v, key);
    }
  }
}
