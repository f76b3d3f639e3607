package dev.warp2api.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process fake of Warp's upstream service over real HTTP (HTTP/1.1 and h2c): {@code POST /proxy/token},
 * {@code POST /ai/multi-agent} and {@code POST /graphql/v2}. Behaviour follows warp-protocol.md §10 and
 * warp-protocol-2026.md; see {@link SimConfig} for accounts, quotas, wire mode and the clock.
 *
 * <p>Script answers like mockwebserver: {@link #enqueue(SimReply)} (any account) or
 * {@link #enqueueFor(String, SimReply)} (one account, by label or refresh token); inspect what reached "Warp"
 * with {@link #requests()} and {@link #takeRequest()}.
 *
 * <p>Threading: request handling runs on one Vert.x event loop and never blocks; every public method may
 * be called from any thread. {@link #takeRequest()} blocks the calling thread, so never call it on an event
 * loop.
 */
public final class WarpSimulator {
  /** Largest request body accepted; real requests with long histories reach a few MiB. */
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WarpSimulator.class);

  private final HttpServer server;
  private final SimConfig config;
  private final Accounts accounts;
  private final ReplyQueue replies;
  private final RequestLog log;
  private final GraphqlEndpoint graphql;

  private WarpSimulator(HttpServer server, SimConfig config, Accounts accounts, ReplyQueue replies, RequestLog log,
      GraphqlEndpoint graphql) {
    this.server = server;
    this.config = config;
    this.accounts = accounts;
    this.replies = replies;
    this.log = log;
    this.graphql = graphql;
  }

  /**
   * Starts a simulator on {@code 127.0.0.1:port} ({@code port 0} = a free port).
   *
   * @return completes with the running simulator, or fails when the port cannot be bound
   */
  public static Future<WarpSimulator> start(Vertx vertx, SimConfig config, int port) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(config, "config");
    Accounts accounts = new Accounts(config);
    JwtIssuer jwt = new JwtIssuer(config.tokenLifetime());
    ReplyQueue replies = new ReplyQueue();
    RequestLog log = new RequestLog();
    TokenEndpoint token = new TokenEndpoint(accounts, jwt, config.clock());
    GraphqlEndpoint graphql = new GraphqlEndpoint(accounts, jwt, config.clock(), config.models());
    AgentEndpoint agent = new AgentEndpoint(vertx, config, accounts, jwt, replies, log);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)
        .setHttp2ClearTextEnabled(true).setIdleTimeout(0));
    server.requestHandler(req -> route(req, token, graphql, agent));
    return server.listen(port, "127.0.0.1")
        .map(s -> new WarpSimulator(s, config, accounts, replies, log, graphql));
  }

  /** Starts on a free port. */
  public static Future<WarpSimulator> start(Vertx vertx, SimConfig config) {
    return start(vertx, config, 0);
  }

  private static void route(HttpServerRequest req, TokenEndpoint token, GraphqlEndpoint graphql, AgentEndpoint agent) {
    try {
      dispatch(req, token, graphql, agent);
    } catch (RuntimeException e) {
      fail(req, e);
    }
  }

  /** A bug of the simulator: answer 500 (if still possible) and log the type, never request data. */
  private static void fail(HttpServerRequest req, RuntimeException e) {
    LOG.error("event=sim.handler.failed path={} error={}", req.path(), e.toString(), e);
    if (!req.response().headWritten()) {
      req.response().setStatusCode(500).end();
    }
  }

  private static void dispatch(HttpServerRequest req, TokenEndpoint token, GraphqlEndpoint graphql,
      AgentEndpoint agent) {
    String path = req.path();
    boolean post = req.method().name().equals("POST");
    if (post && path.equals("/ai/multi-agent")) {
      req.body().onSuccess(b -> guarded(req, () -> agent.handle(req, b)));
    } else if (post && path.equals("/proxy/token")) {
      req.body().onSuccess(b -> guarded(req, () -> token.handle(req, b)));
    } else if (post && path.equals("/graphql/v2")) {
      req.body().onSuccess(b -> guarded(req, () -> graphql.handle(req, b)));
    } else {
      req.response().setStatusCode(404).putHeader("content-type", "application/json")
          .end("{\"error\":\"not found: " + req.method().name() + " " + path.replace("\"", "") + "\"}");
    }
  }

  private static void guarded(HttpServerRequest req, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      fail(req, e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:PORT}; the AI endpoint is {@code baseUrl() + "/ai/multi-agent"}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public SimConfig config() {
    return config;
  }

  /** Stops listening and drops open connections (streams in progress end abruptly). */
  public Future<Void> close() {
    return server.close();
  }

  /** Queues a reply for the next AI request of any account (after that account's own queue is empty). */
  public WarpSimulator enqueue(SimReply reply) {
    replies.enqueue(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** Queues a fault for the next AI request of any account. */
  public WarpSimulator enqueue(SimFault fault) {
    return enqueue(SimReply.fault(fault));
  }

  /**
   * Queues a reply for the next AI request of one account.
   *
   * @param account the account's label or refresh token
   * @throws IllegalArgumentException when no account has that label or token (the message names no secret)
   */
  public WarpSimulator enqueueFor(String account, SimReply reply) {
    replies.enqueueFor(accounts.resolve(account), Objects.requireNonNull(reply, "reply"));
    return this;
  }

  public WarpSimulator enqueueFor(String account, SimFault fault) {
    return enqueueFor(account, SimReply.fault(fault));
  }

  /** The AI requests decoded so far, oldest first (the last {@value RequestLog#CAPACITY}). */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  /** How many AI requests were decoded in all. */
  public long requestCount() {
    return log.total();
  }

  /**
   * The oldest AI request not yet taken, waiting up to 10 seconds for one.
   *
   * @throws IllegalStateException when none arrives in time
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = log.take(Duration.ofSeconds(10));
    if (r == null) {
      throw new IllegalStateException("no AI request reached the simulator within 10 s");
    }
    return r;
  }

  /** Successful token refreshes of an account (by label or refresh token). */
  public long refreshCount(String account) {
    return accounts.resolve(account).snapshot(config.clock().instant()).refreshes();
  }

  /** Credits an account has used in its current period. */
  public long creditsUsed(String account) {
    return accounts.resolve(account).snapshot(config.clock().instant()).used();
  }

  /** Sets the credits an account has used in its current period (e.g. to its limit, to exhaust it). */
  public void setCreditsUsed(String account, long used) {
    accounts.resolve(account).setUsed(used);
  }

  /** Revokes an account's refresh token: later refreshes get 400 INVALID_REFRESH_TOKEN. */
  public void revoke(String account) {
    accounts.resolve(account).revoke();
  }

  /** GraphQL requests received (any operation, any outcome). */
  public long graphqlCalls() {
    return graphql.calls();
  }

  /**
   * Runs a simulator until the JVM exits: for {@code ./warp2api sim}. Prints
   * {@code warp2api simulator listening on http://127.0.0.1:PORT} once bound.
   *
   * @param configOrNull a JSON config file ({@link SimConfig#load}), or null for open mode
   * @throws dev.warp2api.core.GatewayException when the config is invalid
   * @throws IllegalStateException when the port cannot be bound
   */
  public static void runStandalone(int port, Path configOrNull) throws InterruptedException {
    SimConfig config = configOrNull == null ? SimConfig.defaults() : SimConfig.load(configOrNull);
    Vertx vertx = Vertx.vertx();
    WarpSimulator sim;
    try {
      sim = start(vertx, config, port).toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      vertx.close();
      throw new IllegalStateException("simulator cannot listen on port " + port + ": " + e.getCause().getMessage(), e);
    }
    System.out.println("warp2api simulator listening on " + sim.baseUrl());
    new CountDownLatch(1).await();
  }
}
