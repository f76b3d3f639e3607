package dev.warp2api.sim;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * An in-process fake of Warp's upstream service over real HTTP (HTTP/1.1 and h2c, or TLS with
 * HTTP/2 and HTTP/1.1 by ALPN, see {@link SimServing}): {@code POST /proxy/token}, {@code POST
 * /ai/multi-agent} and {@code POST /graphql/v2}. Behaviour follows Warp's as docs/PROTOCOL.md
 * describes it; see {@link SimConfig} for accounts, quotas, wire mode and the clock.
 *
 * <p>Script answers like mockwebserver: {@link #enqueue(SimReply)} (any account) or
 * {@link #enqueueFor(String, SimReply)} (one account, by label or refresh token); inspect what
 * reached "Warp" with {@link #requests()} and {@link #takeRequest()}.
 *
 * <p>Threading: request handling runs on Vert.x event loops (one by default) and never blocks;
 * every public method may be called from any thread. {@link #takeRequest()} blocks the calling
 * thread, so never call it on an event loop.
 */
public final class WarpSimulator {
  private static final String HOST = "127.0.0.1";

  private final HttpServer server;
  private final String deployment;
  private final Vertx vertx;
  private final SimConfig config;
  private final Accounts accounts;
  private final ReplyQueue replies;
  private final RequestLog log;
  private final GraphqlEndpoint graphql;
  private final JwtIssuer jwt;
  private final AgentEndpoint agent;
  private final ConnectionLog connections;
  private final SimServing serving;

  private WarpSimulator(
      HttpServer server,
      String deployment,
      Vertx vertx,
      SimConfig config,
      Accounts accounts,
      JwtIssuer jwt,
      ReplyQueue replies,
      RequestLog log,
      GraphqlEndpoint graphql,
      AgentEndpoint agent,
      ConnectionLog connections,
      SimServing serving) {
    this.connections = connections;
    this.serving = serving;
    this.server = server;
    this.deployment = deployment;
    this.vertx = vertx;
    this.config = config;
    this.accounts = accounts;
    this.replies = replies;
    this.log = log;
    this.graphql = graphql;
    this.jwt = jwt;
    this.agent = agent;
  }

  /**
   * Starts a simulator on {@code 127.0.0.1:port} ({@code port 0} = a free port), served by one
   * event loop.
   *
   * @return completes with the running simulator, or fails when the port cannot be bound
   */
  public static Future<WarpSimulator> start(Vertx vertx, SimConfig config, int port) {
    return start(vertx, config, port, 1);
  }

  /** Starts on a free port with one event loop. */
  public static Future<WarpSimulator> start(Vertx vertx, SimConfig config) {
    return start(vertx, config, 0, 1);
  }

  /**
   * Starts a simulator whose connections are spread over {@code eventLoops} event loops (Vert.x
   * server sharing); all of them share one state (accounts, scripts, record).
   */
  public static Future<WarpSimulator> start(
      Vertx vertx, SimConfig config, int port, int eventLoops) {
    return start(vertx, config, port, eventLoops, SimServing.plain());
  }

  /**
   * As {@link #start(Vertx, SimConfig, int, int)}, served as {@code serving} says (plain, or TLS
   * with HTTP/2 by ALPN and a throwaway self-signed certificate for {@code localhost}; clients skip
   * verification).
   */
  public static Future<WarpSimulator> start(
      Vertx vertx, SimConfig config, int port, int eventLoops, SimServing serving) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(config, "config");
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be >= 1, got " + eventLoops);
    }
    Accounts accounts = new Accounts(config);
    JwtIssuer jwt = new JwtIssuer(config.tokenLifetime());
    ReplyQueue replies = new ReplyQueue();
    RequestLog log = new RequestLog();
    TokenEndpoint token = new TokenEndpoint(accounts, jwt, config.clock());
    GraphqlEndpoint graphql = new GraphqlEndpoint(accounts, jwt, config.clock(), config.models());
    ConnectionLog connections = new ConnectionLog();
    AgentEndpoint agent =
        new AgentEndpoint(vertx, config, accounts, jwt, replies, log, connections);
    Handler<HttpServerRequest> handler = new SimRouter(token, graphql, agent, connections);
    HttpServerOptions options = serverOptions(serving);
    if (eventLoops == 1) {
      return vertx
          .createHttpServer(options)
          .requestHandler(handler)
          .listen(port, HOST)
          .map(s -> new WarpSimulator(
              s,
              null,
              vertx,
              config,
              accounts,
              jwt,
              replies,
              log,
              graphql,
              agent,
              connections,
              serving));
    }
    // Vert.x shares one listening socket among servers that ask for the same explicit port; port 0
    // is not
    // shared, so a free port is found first (a short window in which another process could take
    // it).
    Future<Integer> fixed = port != 0
        ? Future.succeededFuture(port)
        : vertx
            .createHttpServer()
            .requestHandler(r -> {})
            .listen(0, HOST)
            .compose(probe -> probe.close().map(v -> probe.actualPort()));
    return fixed
        .compose(p -> deploy(vertx, options, handler, p, eventLoops))
        .map(d -> new WarpSimulator(
            d.server(),
            d.id(),
            vertx,
            config,
            accounts,
            jwt,
            replies,
            log,
            graphql,
            agent,
            connections,
            serving));
  }

  private record Deployment(HttpServer server, String id) {}

  private static Future<Deployment> deploy(
      Vertx vertx,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler,
      int port,
      int instances) {
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    Supplier<VerticleBase> instance = () -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx
            .createHttpServer(options)
            .requestHandler(handler)
            .listen(port, HOST)
            .onSuccess(servers::add);
      }
    };
    return vertx
        .deployVerticle(instance, new DeploymentOptions().setInstances(instances))
        .compose(id -> {
          long ports =
              servers.stream().mapToInt(HttpServer::actualPort).distinct().count();
          if (ports != 1) {
            return vertx
                .undeploy(id)
                .transform(ar -> Future.failedFuture(
                    new IllegalStateException("event loops did not share one port")));
          }
          return Future.succeededFuture(new Deployment(servers.get(0), id));
        });
  }

  private static HttpServerOptions serverOptions(SimServing serving) {
    // h2c sniffing only on plain sockets: in front of TLS it breaks connections (seen with Vert.x
    // 5.2.0).
    HttpServerOptions options = new HttpServerOptions()
        .setTcpNoDelay(true)
        .setHttp2ClearTextEnabled(!serving.tls())
        .setIdleTimeout(0)
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(serving.h2MaxStreams()));
    if (serving.tls()) {
      SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
      options
          .setSsl(true)
          // BoringSSL when it loads, as the gateway's client uses: a simulator on the same host
          // should not spend the CPU the gateway is measured with.
          .setSslEngineOptions(
              OpenSSLEngineOptions.isAvailable()
                  ? new OpenSSLEngineOptions()
                  : new JdkSSLEngineOptions())
          .setUseAlpn(true)
          .setKeyCertOptions(cert.keyCertOptions())
          .setAlpnVersions(
              serving.http2()
                  ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)
                  : List.of(HttpVersion.HTTP_1_1));
    }
    return options;
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * {@code http://127.0.0.1:PORT}, or {@code https://127.0.0.1:PORT} over TLS; the AI endpoint is
   * {@code baseUrl() + "/ai/multi-agent"}.
   */
  public String baseUrl() {
    return serving.scheme() + "://127.0.0.1:" + port();
  }

  /** How this simulator is served (plain or TLS, the advertised HTTP/2 stream limit). */
  public SimServing serving() {
    return serving;
  }

  /**
   * Every client connection seen so far (the newest {@value ConnectionLog#CAPACITY} closed ones and
   * every open one), oldest first, with the streams each carried: how well a client multiplexes.
   */
  public List<SimConnection> connections() {
    return connections.snapshot();
  }

  /**
   * Client connections accepted in all that carried at least one request (each a TLS handshake over
   * TLS).
   */
  public int connectionCount() {
    return connections.opened();
  }

  /** GOAWAY frames sent ({@link SimFault#GOAWAY}). */
  public long goAwaysSent() {
    return connections.goAways();
  }

  /**
   * HTTP/2 streams reset on purpose ({@link SimFault#DISCONNECT_BEFORE_RESPONSE},
   * {@link SimFault#disconnectAfter}).
   */
  public long resetsSent() {
    return connections.resets();
  }

  public SimConfig config() {
    return config;
  }

  /** Stops listening and drops open connections (streams in progress end abruptly). */
  public Future<Void> close() {
    return deployment == null ? server.close() : vertx.undeploy(deployment);
  }

  /**
   * Queues a reply for the next AI request of any account (after that account's own queue is
   * empty).
   */
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
   * @throws IllegalArgumentException when no account has that label or token (the message names no
   *     secret)
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

  /**
   * Sets the credits an account has used in its current period (e.g. to its limit, to exhaust it).
   */
  public void setCreditsUsed(String account, long used) {
    accounts.resolve(account).setUsed(used);
  }

  /** Revokes an account's refresh token: later refreshes get 400 INVALID_REFRESH_TOKEN. */
  public void revoke(String account) {
    accounts.resolve(account).revoke();
  }

  /**
   * Every access token this simulator issued (the newest 10,000): fake tokens, exposed so that
   * tests can prove none of them appears in a log line, a response or a metric.
   */
  public List<String> issuedAccessTokens() {
    return jwt.issued();
  }

  /**
   * AI streams still being written: started, and neither fully handed over nor abandoned because
   * the client (the gateway) closed its connection. Tests poll it to see an upstream call
   * cancelled.
   */
  public int openStreams() {
    return agent.openStreams();
  }

  /**
   * The most AI streams of one account (by label, e.g. {@code personal-1}) that were being written
   * at the same time since the simulator started: what a per-credential concurrency cap is judged
   * by.
   */
  public int mostConcurrentStreams(String accountLabel) {
    return agent.mostConcurrentStreams(accountLabel);
  }

  /**
   * Changes the protocol of every AI stream started from now on (modern wire only), as Warp has
   * changed it before: see {@link SimDrift}. No argument switches every change off.
   */
  public WarpSimulator changeProtocol(SimDrift... changes) {
    agent.changes.set(Set.of(changes));
    return this;
  }

  /** GraphQL requests received (any operation, any outcome). */
  public long graphqlCalls() {
    return graphql.calls();
  }

  /**
   * Runs a simulator until the JVM exits: for {@code ./warp2api sim}. Prints {@code warp2api
   * simulator listening on http://127.0.0.1:PORT} once bound.
   *
   * @param configOrNull a JSON config file ({@link SimConfig#load}), or null for open mode
   * @throws dev.warp2api.core.GatewayException when the config is invalid
   * @throws IllegalStateException when the port cannot be bound
   */
  public static void runStandalone(int port, Path configOrNull) throws InterruptedException {
    runStandalone(port, SimConfig.loadOrDefaults(configOrNull));
  }

  /**
   * Runs the simulator with this configuration on {@code port} until the process is asked to stop.
   */
  public static void runStandalone(int port, SimConfig config) throws InterruptedException {
    runStandalone(port, config, SimServing.plain());
  }

  /**
   * Runs the simulator with this configuration on {@code port}, served as {@code serving} says,
   * until stopped.
   */
  public static void runStandalone(int port, SimConfig config, SimServing serving)
      throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    WarpSimulator sim;
    try {
      sim = start(vertx, config, port, Runtime.getRuntime().availableProcessors(), serving)
          .toCompletionStage()
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      vertx.close();
      throw new IllegalStateException(
          "simulator cannot listen on port " + port + ": " + e.getCause().getMessage(), e);
    }
    System.out.println("warp2api simulator listening on " + sim.baseUrl()
        + (serving.tls()
            ? " (TLS, self-signed certificate: set WARP_INSECURE_TLS=true; HTTP/2 max "
                + serving.h2MaxStreams() + " streams per connection)"
            : ""));
    new CountDownLatch(1).await();
  }
}
