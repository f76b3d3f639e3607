package dev.warp2api.warp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.UpstreamSettings;
import dev.warp2api.core.Jwt;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link TokenRefresher} over HTTP: {@code POST WARP_REFRESH_URL} with the form body
 * {@code grant_type=refresh_token&refresh_token=…} and the identity headers (docs/PROTOCOL.md,
 * 'Token refresh').
 *
 * <p>The expiry is the JWT's {@code exp}; if the token carries none, {@code now + expires_in} when
 * the answer gives it, else {@code now + 1 h} (Firebase ID tokens live one hour). Thread-safe; owns
 * a connection pool.
 *
 * <p>A refresh is bounded as a whole ({@code W2A_REFRESH_TIMEOUT}): connect, head and body
 * together; past it the exchange is reset and the refresh fails as a
 * {@link UpstreamFailure.Transient} timeout.
 */
public final class HttpTokenRefresher implements TokenRefresher, AutoCloseable {
  /**
   * Warp's default lifetime of an ID token, used only when neither {@code exp} nor
   * {@code expires_in} is given.
   */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final EndpointClient endpoint;
  private final Duration timeout;
  private final Clock clock;

  /** One on connections of its own, bounded by {@code W2A_REFRESH_TIMEOUT}'s default. */
  public HttpTokenRefresher(Vertx vertx, WarpEndpoints endpoints, Clock clock) {
    this(vertx, endpoints, null, UpstreamSettings.DEFAULT_REFRESH_TIMEOUT, clock);
  }

  /**
   * One whose {@code https://} calls share {@code transport}'s connections with the AI call to the
   * same origin, bounded by {@code W2A_REFRESH_TIMEOUT}'s default.
   */
  public HttpTokenRefresher(
      Vertx vertx, WarpEndpoints endpoints, UpstreamTransport transport, Clock clock) {
    this(vertx, endpoints, transport, UpstreamSettings.DEFAULT_REFRESH_TIMEOUT, clock);
  }

  /**
   * @param transport the connections {@code https://} calls share with the AI call to the same
   *     origin, or null for connections of its own
   * @param timeout the longest one refresh may take, whole ({@code W2A_REFRESH_TIMEOUT})
   */
  public HttpTokenRefresher(
      Vertx vertx,
      WarpEndpoints endpoints,
      UpstreamTransport transport,
      Duration timeout,
      Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    TransportOptions options = (transport == null
            ? TransportOptions.defaults()
            : transport.options())
        .withIdleTimeout(timeout);
    this.endpoint = EndpointClient.open(
        vertx,
        endpoints,
        WarpEndpoints::refreshUrl,
        "endpoints.refreshUrl",
        options,
        transport,
        false);
  }

  @Override
  public Future<AccessToken> refresh(String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    if (refreshToken.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("refreshToken must not be blank"));
    }
    Buffer form = Buffer.buffer("grant_type=refresh_token&refresh_token="
        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
    var request = endpoint.post(endpoint.url(), "application/x-www-form-urlencoded", "*/*");
    Promise<AccessToken> result = Promise.promise();
    Promise<Void> late = Promise.promise(); // completed at the deadline: resets the exchange
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
      UpstreamFailure slow = new UpstreamFailure.Transient(
          "the token refresh did not finish within W2A_REFRESH_TIMEOUT (" + timeout.toMillis()
              + " ms)",
          true);
      if (result.tryFail(new UpstreamFailureException(slow))) {
        late.tryComplete();
      }
    });
    endpoint
        .send(request, form, late.future())
        .compose(exchange -> answer(exchange.request(), exchange.response()))
        .recover(error -> Future.failedFuture(WarpClient.asFailure(error)))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else {
            result.tryFail(ar.cause());
          }
        });
    return result.future();
  }

  private Future<AccessToken> answer(HttpClientRequest req, HttpClientResponse resp) {
    int status = resp.statusCode();
    return BoundedBody.read(req, resp, BoundedBody.ERROR_LIMIT, timeout).compose(body -> {
      if (status == 400 || status == 401 || status == 403) {
        return failed(new UpstreamFailure.AuthRejected(status));
      }
      if (status != 200) {
        return failed(UpstreamFailure.classify(status, resp.headers(), body.forDisplay(), clock));
      }
      return parse(body);
    });
  }

  private Future<AccessToken> parse(BoundedBody body) {
    JsonNode json = readJson(body);
    String token = json == null ? null : text(json, "access_token");
    if (token == null && json != null) {
      token = text(json, "id_token");
    }
    if (token == null) {
      return failed(new UpstreamFailure.Transient(
          "token refresh answered 200 without access_token or id_token", false));
    }
    Instant now = clock.instant();
    Instant expiresAt = Jwt.expiry(token).orElseGet(() -> now.plus(expiresIn(json)));
    return Future.succeededFuture(new AccessToken(token, expiresAt));
  }

  private static JsonNode readJson(BoundedBody body) {
    try {
      return body.truncated() ? null : JSON.readTree(body.text());
    } catch (Exception notJson) {
      return null;
    }
  }

  private static Duration expiresIn(JsonNode json) {
    JsonNode value = json.get("expires_in");
    if (value != null && (value.isNumber() || value.isTextual())) {
      try {
        long seconds = Long.parseLong(value.asText().strip());
        if (seconds > 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException ignored) {
        // fall back to the default lifetime
      }
    }
    return DEFAULT_LIFETIME;
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static <T> Future<T> failed(UpstreamFailure failure) {
    return Future.failedFuture(new UpstreamFailureException(failure));
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
