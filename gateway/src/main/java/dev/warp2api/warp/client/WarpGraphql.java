package dev.warp2api.warp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Read-only queries to Warp's GraphQL endpoint ({@code POST WARP_GRAPHQL_URL?op=<name>}) with the
 * same bearer and identity headers as the AI call (docs/PROTOCOL.md, 'Quota').
 *
 * <p>Failures are {@link UpstreamFailureException}s: non-200 statuses go through
 * {@link UpstreamFailure#classify} (401/403 are {@link UpstreamFailure.AuthRejected}); a
 * {@code UserFacingError} answer or top-level {@code errors} are {@link UpstreamFailure.BadRequest}
 * carrying Warp's message, except messages saying {@code Unauthorized} / {@code User not in
 * context}, which are {@link UpstreamFailure.AuthRejected}(401); an answer we cannot read is
 * {@link UpstreamFailure.Transient}. Thread-safe; owns a connection pool.
 */
public final class WarpGraphql implements AutoCloseable {
  /** What the 2025 bridge allowed GraphQL; a quota or model read is small and quick. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Model lists run to tens of KiB; 1 MiB bounds a runaway answer. */
  static final int BODY_LIMIT = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EndpointClient endpoint;
  private final Clock clock;

  public WarpGraphql(Vertx vertx, WarpEndpoints endpoints, Clock clock) {
    this(vertx, endpoints, TransportOptions.defaults().withIdleTimeout(TIMEOUT), clock);
  }

  /**
   * One whose {@code https://} calls share {@code transport}'s connections with the AI call to the
   * same origin.
   */
  public WarpGraphql(
      Vertx vertx, WarpEndpoints endpoints, UpstreamTransport transport, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.endpoint = EndpointClient.open(
        vertx,
        endpoints,
        WarpEndpoints::graphqlUrl,
        "endpoints.graphqlUrl",
        transport.options().withIdleTimeout(TIMEOUT),
        transport,
        false);
  }

  public WarpGraphql(Vertx vertx, WarpEndpoints endpoints, TransportOptions options, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.endpoint = EndpointClient.open(
        vertx, endpoints, WarpEndpoints::graphqlUrl, "endpoints.graphqlUrl", options, null, false);
  }

  /** The account's base-plan credits ({@code GetRequestLimitInfo}). */
  public Future<QuotaInfo> requestLimitInfo(String accessToken) {
    return query(
        GraphqlDocuments.REQUEST_LIMIT_INFO,
        GraphqlDocuments.REQUEST_LIMIT_INFO_QUERY,
        accessToken,
        GraphqlAnswers::quota);
  }

  /**
   * The agent-mode models of every workspace of the account, de-duplicated by id, in Warp's order.
   */
  public Future<List<ModelChoice>> featureModelChoices(String accessToken) {
    return query(
        GraphqlDocuments.FEATURE_MODEL_CHOICES,
        GraphqlDocuments.FEATURE_MODEL_CHOICES_QUERY,
        accessToken,
        GraphqlAnswers::modelChoices);
  }

  private <T> Future<T> query(
      String operation, String document, String accessToken, Function<JsonNode, T> read) {
    Objects.requireNonNull(accessToken, "accessToken");
    URI graphqlUrl = endpoint.url();
    URI target =
        URI.create(graphqlUrl + (graphqlUrl.getRawQuery() == null ? "?" : "&") + "op=" + operation);
    var request = UpstreamHttp.withBearer(
        endpoint.post(target, "application/json", "application/json"), accessToken);
    Buffer body = Buffer.buffer(requestBody(operation, document));
    return endpoint
        .send(request, body, null)
        .compose(exchange -> read(exchange, operation, read))
        .recover(error -> Future.failedFuture(WarpClient.asFailure(error)));
  }

  private <T> Future<T> read(
      EndpointClient.Exchange exchange, String operation, Function<JsonNode, T> read) {
    HttpClientResponse resp = exchange.response();
    return BoundedBody.read(
            exchange.request(), resp, BODY_LIMIT, endpoint.options().idleTimeout())
        .compose(answer -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture(new UpstreamFailureException(UpstreamFailure.classify(
                resp.statusCode(), resp.headers(), answer.forDisplay(), clock)));
          }
          if (answer.truncated()) {
            return Future.failedFuture(new UpstreamFailureException(new UpstreamFailure.Transient(
                operation + " answer larger than " + BODY_LIMIT + " bytes", false)));
          }
          return Future.succeededFuture(read.apply(GraphqlAnswers.user(operation, answer.text())));
        });
  }

  private String requestBody(String operation, String document) {
    var identity = endpoint.endpoints().identity();
    ObjectNode root = JSON.createObjectNode();
    root.put("query", document);
    ObjectNode context = root.putObject("variables").putObject("requestContext");
    context.putObject("clientContext").put("version", identity.clientVersion());
    ObjectNode os = context.putObject("osContext");
    os.put("category", identity.osCategory());
    os.put("name", identity.osName());
    os.put("version", identity.osVersion());
    os.putNull("linuxKernelVersion");
    root.put("operationName", operation);
    return root.toString();
  }

  @Override
  public void close() {
    endpoint.close();
  }

  /**
   * Reading the answers; every failure is thrown as {@link UpstreamFailureException} and fails the
   * future.
   */
  static final class GraphqlAnswers {
    private GraphqlAnswers() {}

    /** {@code data.user.user} of a {@code UserOutput}, after checking for errors. */
    static JsonNode user(String operation, String text) {
      JsonNode root;
      try {
        root = JSON.readTree(text);
      } catch (Exception notJson) {
        throw transientFailure(operation + " answer is not JSON");
      }
      JsonNode errors = root == null ? null : root.get("errors");
      if (errors != null && errors.isArray() && !errors.isEmpty()) {
        throw rejection(operation, errors.get(0).path("message").asText("unknown GraphQL error"));
      }
      JsonNode user = root == null ? null : root.path("data").path("user");
      String type = user == null ? "" : user.path("__typename").asText("");
      if (type.equals("UserFacingError")) {
        throw rejection(
            operation, user.path("error").path("message").asText("unknown user-facing error"));
      }
      if (!type.equals("UserOutput") || !user.path("user").isObject()) {
        throw transientFailure("failed to get " + operation + ": unexpected answer type '"
            + ErrorText.redact(type) + "'");
      }
      return user.path("user");
    }

    static QuotaInfo quota(JsonNode user) {
      JsonNode info = user.path("requestLimitInfo");
      if (!info.isObject()) {
        throw transientFailure("GetRequestLimitInfo answer has no requestLimitInfo");
      }
      boolean unlimited = info.path("isUnlimited").asBoolean(false);
      if (!unlimited
          && (!info.hasNonNull("requestLimit")
              || !info.hasNonNull("requestsUsedSinceLastRefresh"))) {
        throw transientFailure(
            "GetRequestLimitInfo answer lacks requestLimit or requestsUsedSinceLastRefresh");
      }
      String period = info.path("requestLimitRefreshDuration").asText(null);
      return new QuotaInfo(
          info.path("requestLimit").asLong(0),
          info.path("requestsUsedSinceLastRefresh").asLong(0),
          unlimited,
          instant(info.path("nextRefreshTime").asText(null)),
          period);
    }

    static List<ModelChoice> modelChoices(JsonNode user) {
      Map<String, ModelChoice> byId = new LinkedHashMap<>();
      for (JsonNode workspace : user.path("workspaces")) {
        for (JsonNode choice :
            workspace.path("featureModelChoice").path("agentMode").path("choices")) {
          String id = choice.path("id").asText("");
          if (id.isBlank() || byId.containsKey(id)) {
            continue;
          }
          JsonNode window = choice.path("contextWindow");
          JsonNode size = window.hasNonNull("max") ? window.get("max") : window.get("default");
          byId.put(
              id,
              new ModelChoice(
                  id,
                  choice.path("displayName").asText(id),
                  choice.path("visionSupported").asBoolean(false),
                  size != null && size.canConvertToInt() ? size.asInt() : null,
                  choice.hasNonNull("disableReason")
                      ? choice.get("disableReason").asText()
                      : null,
                  choice.hasNonNull("provider") ? choice.get("provider").asText() : null));
        }
      }
      return List.copyOf(byId.values());
    }

    private static Instant instant(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(text.strip()).toInstant();
      } catch (RuntimeException unparseable) {
        return null;
      }
    }

    private static UpstreamFailureException rejection(String operation, String message) {
      if (message.contains("Unauthorized") || message.contains("User not in context")) {
        return new UpstreamFailureException(new UpstreamFailure.AuthRejected(401));
      }
      return new UpstreamFailureException(
          new UpstreamFailure.BadRequest(operation + ": " + ErrorText.redact(message)));
    }

    private static UpstreamFailureException transientFailure(String description) {
      return new UpstreamFailureException(new UpstreamFailure.Transient(description, false));
    }
  }
}
