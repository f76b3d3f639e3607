package dev.warp2api.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import io.vertx.core.http.HttpServerResponse;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns an error into an HTTP response: status from {@link ErrorStatus}, body in
 * the route's dialect, {@code Retry-After} on 429 and 503 when known, and the request id. Handlers
 * never build error responses themselves. Unexpected exceptions become {@link ErrorKind#INTERNAL}
 * with a generic message; their details go to the log under the request id, never to the client.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Renders the error body of one dialect. */
  @FunctionalInterface
  public interface BodyRenderer {
    String render(GatewayException error, String requestId);
  }

  private final Map<Dialect, BodyRenderer> renderers;

  public ErrorMapper(Map<Dialect, BodyRenderer> renderers) {
    this.renderers = new EnumMap<>(Dialect.class);
    this.renderers.putAll(renderers);
    this.renderers.putIfAbsent(Dialect.BRIDGE, ErrorMapper::bridgeBody);
  }

  /** Whatever was thrown, the gateway error to report: unknown throwables become INTERNAL. */
  public static GatewayException toGateway(Throwable t, String requestId) {
    if (t instanceof GatewayException g) {
      return g;
    }
    LOG.error(
        "event=request.internal_error request_id={} exception={}",
        requestId,
        t.getClass().getName(),
        t);
    return GatewayException.internal(
        "Internal error in the gateway (request id " + requestId + ").", t);
  }

  /** Sends {@code error} as the complete response, unless a response was already started. */
  public void send(
      HttpServerResponse response, Dialect dialect, Throwable error, String requestId) {
    GatewayException e = toGateway(error, requestId);
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    int status = ErrorStatus.of(e.kind());
    response.setStatusCode(status);
    response.putHeader("content-type", "application/json");
    RequestIds.write(response, requestId);
    if (e.retryAfterSeconds() >= 0 && (status == 429 || status == 503)) {
      response.putHeader("retry-after", Long.toString(Math.max(1, e.retryAfterSeconds())));
    }
    if (e.kind() == ErrorKind.UNAUTHORIZED && dialect == Dialect.OPENAI) {
      response.putHeader("www-authenticate", "Bearer");
    }
    response.end(body(dialect, e, requestId));
  }

  /** The body alone, for errors reported inside a stream. */
  public String body(Dialect dialect, GatewayException e, String requestId) {
    return renderers.getOrDefault(dialect, ErrorMapper::bridgeBody).render(e, requestId);
  }

  static String bridgeBody(GatewayException e, String requestId) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", e.safeMessage());
    err.put("type", e.kind().name().toLowerCase(Locale.ROOT));
    if (e.param() != null) {
      err.put("param", e.param());
    }
    if (e.retryAfterSeconds() >= 0) {
      err.put("retry_after_seconds", e.retryAfterSeconds());
    }
    return root.toString();
  }
}
