package dev.warp2api.sim;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its endpoint once its body has arrived; unknown routes get 404. A failure
 * inside an endpoint is a simulator bug: it is logged (type and path only, never request data) and
 * answered 500.
 *
 * <p>Stateless apart from the endpoints; shared by every event loop of a simulator.
 */
final class SimRouter implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(SimRouter.class);

  private final TokenEndpoint token;
  private final GraphqlEndpoint graphql;
  private final AgentEndpoint agent;
  private final ConnectionLog connections;

  SimRouter(
      TokenEndpoint token,
      GraphqlEndpoint graphql,
      AgentEndpoint agent,
      ConnectionLog connections) {
    this.connections = connections;
    this.token = token;
    this.graphql = graphql;
    this.agent = agent;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    connections.stream(req);
    boolean post = req.method() == HttpMethod.POST;
    if (post && path.equals("/ai/multi-agent")) {
      req.body().onSuccess(b -> guarded(req, () -> agent.handle(req, b)));
    } else if (post && path.equals("/proxy/token")) {
      req.body().onSuccess(b -> guarded(req, () -> token.handle(req, b)));
    } else if (post && path.equals("/graphql/v2")) {
      req.body().onSuccess(b -> guarded(req, () -> graphql.handle(req, b)));
    } else {
      req.response()
          .setStatusCode(404)
          .putHeader("content-type", "application/json")
          .end("{\"error\":\"not found: " + req.method().name() + " " + path.replace("\"", "")
              + "\"}");
    }
  }

  private static void guarded(HttpServerRequest req, Runnable endpoint) {
    try {
      endpoint.run();
    } catch (RuntimeException e) {
      LOG.error(
          "event=sim.handler.failed path={} error={}", req.path(), e.getClass().getName(), e);
      if (!req.response().headWritten()) {
        req.response().setStatusCode(500).end();
      }
    }
  }
}
