package dev.warp2api.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /graphql/v2?op=…}: the read-only GraphQL operations a gateway uses (docs/PROTOCOL.md,
 * 'Quota', 'Model ids'): {@code GetRequestLimitInfo}, {@code GetAICreditAvailability},
 * {@code GetFeatureModelChoices}. The bearer must be a valid simulator JWT (else 401 with the AI
 * endpoint's body, since the real GraphQL 401 body is not recorded). An unknown operation gets HTTP
 * 200 with a GraphQL {@code errors} array.
 */
final class GraphqlEndpoint {
  /**
   * RFC 3339 with microseconds and {@code Z}, as observed ({@code 2026-02-21T14:06:36.156167Z}).
   */
  static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Accounts accounts;
  private final JwtIssuer jwt;
  private final Clock clock;
  private final List<SimModel> models;
  private final AtomicLong calls = new AtomicLong();

  GraphqlEndpoint(Accounts accounts, JwtIssuer jwt, Clock clock, List<SimModel> models) {
    this.accounts = accounts;
    this.jwt = jwt;
    this.clock = clock;
    this.models = models;
  }

  long calls() {
    return calls.get();
  }

  void handle(HttpServerRequest req, Buffer body) {
    calls.incrementAndGet();
    Instant now = clock.instant();
    Optional<Account> account =
        AgentEndpoint.bearer(req).flatMap(t -> jwt.verify(t, now)).flatMap(accounts::forUserId);
    if (account.isEmpty()) {
      req.response()
          .setStatusCode(401)
          .putHeader("content-type", "application/json")
          .end(AgentEndpoint.UNAUTHORIZED_BODY);
      return;
    }
    String op = req.getParam("op");
    if (op == null) {
      try {
        op = new JsonObject(body).getString("operationName");
      } catch (RuntimeException e) {
        op = null;
      }
    }
    Account.Snapshot s = account.get().snapshot(now);
    JsonObject answer = switch (op == null ? "" : op) {
      case "GetRequestLimitInfo" -> user(new JsonObject().put("requestLimitInfo", limitInfo(s)));
      case "GetAICreditAvailability" ->
        user(new JsonObject()
            .put(
                "aiCreditAvailability",
                new JsonObject()
                    .put("available", s.used() < s.limit())
                    .put("denialReason", s.used() < s.limit() ? "NONE" : "OUT_OF_CREDITS")
                    .put("creditSource", s.used() < s.limit() ? "BASE_LIMIT" : null)));
      case "GetFeatureModelChoices" ->
        user(new JsonObject()
            .put(
                "workspaces",
                new JsonArray()
                    .add(new JsonObject()
                        .put("uid", "sim-workspace")
                        .put("featureModelChoice", modelChoices(s)))));
      default ->
        new JsonObject()
            .put(
                "errors",
                new JsonArray()
                    .add(new JsonObject()
                        .put("message", "unknown operation: " + (op == null ? "(none)" : op))
                        .put(
                            "extensions",
                            new JsonObject().put("code", "GRAPHQL_VALIDATION_FAILED"))));
    };
    req.response().putHeader("content-type", "application/json").end(answer.encode());
  }

  private static JsonObject user(JsonObject user) {
    return new JsonObject()
        .put(
            "data",
            new JsonObject()
                .put("user", new JsonObject().put("__typename", "UserOutput").put("user", user)));
  }

  private static JsonObject limitInfo(Account.Snapshot s) {
    return new JsonObject()
        .put("isUnlimited", false)
        .put("nextRefreshTime", MICROS.format(s.nextRefreshTime()))
        .put("requestLimit", s.limit())
        .put("requestsUsedSinceLastRefresh", s.used())
        .put("requestLimitRefreshDuration", "MONTHLY")
        .put("isUnlimitedVoice", false)
        .put("voiceRequestLimit", 0)
        .put("voiceRequestsUsedSinceLastRefresh", 0)
        .put("isUnlimitedCodebaseIndices", false)
        .put("maxCodebaseIndices", 3)
        .put("maxFilesPerRepo", 5000)
        .put("embeddingGenerationBatchSize", 100);
  }

  private JsonObject modelChoices(Account.Snapshot s) {
    JsonArray choices = new JsonArray();
    for (SimModel m : models) {
      choices.add(new JsonObject()
          .put("id", m.id())
          .put("displayName", m.displayName())
          .put("baseModelName", m.displayName())
          .put("reasoningLevel", null)
          .put(
              "usageMetadata",
              new JsonObject().put("requestMultiplier", 1).put("creditMultiplier", 1.0))
          .put("description", m.displayName() + " (simulated)")
          .put("disableReason", s.used() < s.limit() ? null : "OUT_OF_REQUESTS")
          .put("visionSupported", m.visionSupported())
          .put("provider", m.provider())
          .put(
              "contextWindow",
              new JsonObject()
                  .put("isConfigurable", false)
                  .put("min", m.contextWindow())
                  .put("max", m.contextWindow())
                  .put("default", m.contextWindow())));
    }
    JsonObject llms = new JsonObject()
        .put("defaultId", models.get(0).id())
        .put("choices", choices)
        .put("preferredCodexModelId", null);
    return new JsonObject()
        .put("agentMode", llms)
        .put("planning", llms.copy())
        .put("coding", llms.copy())
        .put("cliAgent", llms.copy())
        .put("computerUseAgent", llms.copy());
  }
}
