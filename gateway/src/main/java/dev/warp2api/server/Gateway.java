package dev.warp2api.server;

import dev.warp2api.admin.PoolAdmin;
import dev.warp2api.admin.PoolMaintenance;
import dev.warp2api.api.AccessPolicy;
import dev.warp2api.api.BodyBudget;
import dev.warp2api.api.BodyReader;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.ClientKeys;
import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.ModelInfo;
import dev.warp2api.api.anthropic.AnthropicErrors;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.bridge.BridgeRoutes;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiErrors;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.api.responses.ResponseStore;
import dev.warp2api.api.responses.ResponsesApi;
import dev.warp2api.config.AccessSettings;
import dev.warp2api.config.Settings;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.Ending;
import dev.warp2api.pipeline.FinishedRequests;
import dev.warp2api.pipeline.Pipeline;
import dev.warp2api.pipeline.PipelineMetrics;
import dev.warp2api.pipeline.PoolTokens;
import dev.warp2api.pipeline.RetryPolicy;
import dev.warp2api.pool.Affinity;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.PoolMeters;
import dev.warp2api.pool.RedisStateStore;
import dev.warp2api.pool.StateStores;
import dev.warp2api.server.dashboard.DashboardGate;
import dev.warp2api.server.dashboard.DashboardPages;
import dev.warp2api.server.dashboard.DashboardSessions;
import dev.warp2api.usage.DocumentStore;
import dev.warp2api.usage.KeyRegistry;
import dev.warp2api.usage.Ledger;
import dev.warp2api.usage.RecentRequests;
import dev.warp2api.usage.SharedUsage;
import dev.warp2api.usage.TrafficMinutes;
import dev.warp2api.usage.UsageMeters;
import dev.warp2api.warp.client.ConnectionMetrics;
import dev.warp2api.warp.client.ExchangeCapture;
import dev.warp2api.warp.client.TransportOptions;
import dev.warp2api.warp.client.UpstreamTransport;
import dev.warp2api.warp.client.WarpClient;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import dev.warp2api.warp.protocol.SseEventReader;
import dev.warp2api.warp.protocol.UpstreamDrift;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway and its composition root: every component built from {@link Settings} and wired
 * here, the route groups ({@link ProbeRoutes}, {@link ChatRoutes}, {@link BridgeApiRoutes},
 * {@link MetricsRoute}, {@link AdminRoutes}, {@link DashboardRoutes}) mounted on one {@link Routes}
 * table, and an HTTP server on {@code W2A_PORT} (and {@code W2A_BRIDGE_PORT} when set). Tests start
 * it in-process against the simulator; {@link GatewayServer} starts it for {@code ./warp2api
 * serve}.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  /**
   * After the grace of a drain, the time the errors of the calls it ended get to reach their
   * clients before their connections are closed.
   */
  private static final Duration ENDING_TIME = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final Settings settings;
  private final PrometheusMeterRegistry metrics;
  private final CredentialPool pool;
  private final WarpClient client;
  private final UpstreamTransport transport;
  private final URI apiUrl;
  /**
   * The event-loop contexts of the main port's servers: upstream connections are warmed on each of
   * them.
   */
  private final List<Context> serverContexts = new CopyOnWriteArrayList<>();

  private final PoolMaintenance maintenance;
  private final ModelCatalog catalog;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> deployments = new CopyOnWriteArrayList<>();
  private final Router router;
  private final ConnectionGuard connections;
  private final ModelChoices modelChoices;
  private final RequestPathRehearsal rehearsal;
  private final ResponseStore responseStore;
  private final Affinity affinity;
  private final FinishedRequests finished = new FinishedRequests();
  private final RecentRequests recent = new RecentRequests(RecentRequests.DEFAULT_CAPACITY);
  private final TrafficMinutes traffic;
  private final DocumentStore usageStore;
  private final KeyRegistry keys;
  private final Ledger ledger;
  /** The usage and key counts every instance shares (Redis), or null with the file store. */
  private final SharedUsage sharedUsage;

  private final long ledgerTimer;

  /** How often the usage ledger is written when it changed. */
  static final long LEDGER_FLUSH_MS = 10_000;

  /** The longest the start waits for the shared usage counts (Redis). */
  static final Duration SHARED_USAGE_START = Duration.ofSeconds(3);

  private final Pipeline pipeline;
  /** Set once a drain began: {@code /readyz} answers 503. */
  private volatile boolean stopping;
  /** The drain under way, once {@link #drain} or {@link #close} was called. */
  private Future<Void> drained;

  private final AtomicBoolean released = new AtomicBoolean();

  private Gateway(Vertx vertx, Settings settings, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.traffic = new TrafficMinutes(clock);
    finished.subscribe(recent::record);
    finished.subscribe(traffic::record);
    this.usageStore = DocumentStore.open(vertx, settings.store());
    this.keys = new KeyRegistry(usageStore, finished, clock);
    if (settings.store().redisUrl() == null) {
      this.ledger = new Ledger(usageStore, clock, settings.store().usageRetention());
      this.sharedUsage = null;
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      keys.list().forEach(k -> keys.seedToday(k.name(), ledger.tokens(k.name(), today)));
    } else {
      // Each instance counts its own requests and adds them to the totals in Redis; the keys'
      // counts of today come back from there (the first round now, so a restart does not refill
      // a budget).
      this.ledger = Ledger.ownCounts(clock, settings.store().usageRetention());
      this.sharedUsage = SharedUsage.open(
          vertx, settings.store().redisUrl(), settings.store().redisPrefix(), ledger, keys, clock);
      sharedUsage.syncAndWait(SHARED_USAGE_START);
    }
    finished.subscribe(ledger::record);
    this.ledgerTimer = vertx.setPeriodic(
        LEDGER_FLUSH_MS,
        id -> vertx.executeBlocking(() -> {
          ledger.flush();
          return null;
        }));
    this.pool = CredentialPool.open(
        settings.pool(),
        StateStores.open(vertx, settings.store(), clock),
        clock,
        new PoolMeters(metrics));
    this.responseStore = new ResponseStore(
            settings.store().stateDir().resolve("responses"), settings.store().responses(), clock)
        .load();
    this.affinity = Affinity.of(settings.pool().affinity(), clock);
    if (pool.store() instanceof RedisStateStore redis) {
      // Shared through the pool store's connections: a conversation and its stored responses
      // follow a client from one instance to another.
      responseStore.shareThrough(vertx, redis);
      CredentialPool credentials = pool;
      affinity.shareThrough(
          vertx,
          redis,
          fp -> credentials.ids().stream()
              .filter(id -> id.fingerprint().equals(fp))
              .findFirst()
              .orElse(null));
    }
    CredentialPool shared = pool;
    Gauge.builder("w2a.store.reachable", () -> shared.storeHealth().reachable() ? 1 : 0)
        .description(
            "1 while the state store can be reached (Redis), 0 while the instance serves from its own state")
        .tag("store", pool.storeHealth().kind())
        .register(metrics);
    WarpEndpoints endpoints = WarpEndpoints.from(settings.upstream());
    this.apiUrl = endpoints.apiUrl();
    // One set of upstream connections for the AI call, token refresh and GraphQL (same origin,
    // same connections).
    this.transport = new UpstreamTransport(
        vertx,
        endpoints,
        TransportOptions.defaults().withHeadTimeout(settings.upstream().headTimeout()),
        new ConnectionMetrics(metrics));
    this.client = new WarpClient(
        vertx,
        endpoints,
        transport,
        clock,
        ExchangeCapture.to(vertx, settings.log().captureDir(), clock));
    this.maintenance = new PoolMaintenance(
        vertx,
        endpoints,
        pool,
        clock,
        transport,
        settings.upstream().refreshTimeout(),
        pool.store() instanceof RedisStateStore redis ? redis : null);
    PoolTokens tokens = maintenance.tokens();
    this.catalog = ModelCatalog.from(settings);
    this.modelChoices = new ModelChoices(pool, tokens, maintenance.graphql(), catalog, clock);
    this.pipeline = new Pipeline(
        vertx,
        pool,
        affinity,
        tokens,
        client,
        maintenance.quotas(),
        RetryPolicy.standard(pool.ids().size(), settings.pool().maxWait()),
        clock,
        new PipelineMetrics(metrics),
        finished,
        SseEventReader.maxEventBytesFor(settings.limits().maxBodyBytes()),
        settings.upstream().budget());

    ErrorMapper errors = new ErrorMapper(Map.of(
        Dialect.OPENAI,
        (e, id) -> OpenAiErrors.body(e).toString(),
        Dialect.ANTHROPIC,
        AnthropicErrors::body));
    Function<ChatRequest, Buffer> encoder = encoder(requestOptions(settings));
    ChatExchange exchange = new ChatExchange(
        vertx,
        pipeline,
        errors,
        encoder,
        settings.limits().keepalive(),
        modelChoices::refresh,
        keys);
    OpenAiDialect openAi = new OpenAiDialect(catalog, clock);
    AnthropicTranslation anthropic = new AnthropicTranslation(catalog);
    this.rehearsal = rehearsal(openAi, anthropic, encoder);

    this.connections = new ConnectionGuard(vertx, settings.limits(), errors);
    AccessPolicy access = accessPolicy(settings.access(), keys);
    DashboardSessions sessions = new DashboardSessions(clock);
    DashboardGate gate = new DashboardGate(sessions);
    Routes routes = new Routes(
        vertx,
        access,
        gate,
        errors,
        new BodyReader(
            vertx,
            settings.limits().maxBodyBytes(),
            new BodyBudget(settings.limits().maxInflightBodyBytes()),
            settings.limits().headerTimeout()));
    new ProbeRoutes(pool, clock, () -> stopping).mount(routes);
    new ChatRoutes(exchange, openAi, anthropic, catalog).mount(routes);
    new ResponsesRoutes(new ResponsesApi(catalog, responseStore, clock), exchange).mount(routes);
    new BridgeApiRoutes(
            new BridgeRoutes(vertx, errors, settings.limits().keepalive(), pipeline::execute, keys))
        .mount(routes);
    new UsageMeters(
            metrics, catalog.models().stream().map(ModelInfo::id).collect(Collectors.toSet()), keys)
        .subscribeTo(finished);
    Gauge.builder("warp2api.requests.in.flight", pipeline, Pipeline::inFlight)
        .description("requests to Warp started and not yet ended (streams in flight)")
        .register(metrics);
    PoolGauges poolGauges = new PoolGauges(pool, clock, metrics);
    new MetricsRoute(metrics, poolGauges::refresh).mount(routes);
    DriftReport.bindMetrics(metrics, UpstreamDrift.global());
    new AdminRoutes(new PoolAdmin(maintenance)).mount(routes);
    new UsageRoutes(recent, traffic, sharedUsage != null ? sharedUsage : ledger, clock)
        .mount(routes);
    new DashboardRoutes(sessions, gate, DashboardPages.load(), access, clock).mount(routes);
    new KeysRoutes(keys).mount(routes);
    routes.finish();
    this.router = routes.router();
  }

  private static AccessPolicy accessPolicy(AccessSettings keys, KeyRegistry named) {
    return new AccessPolicy(
        ClientKeys.of(keys.apiKeys()),
        ClientKeys.of(keys.adminKey() == null ? List.of() : List.of(keys.adminKey())),
        named);
  }

  private static Function<ChatRequest, Buffer> encoder(BuildOptions options) {
    return chat -> Buffer.buffer(RequestBuilder.build(chat, options).toByteArray());
  }

  /** A request body each dialect accepts, for the start-up rehearsal. */
  private static RequestPathRehearsal rehearsal(
      OpenAiDialect openAi, AnthropicTranslation anthropic, Function<ChatRequest, Buffer> encoder) {
    return new RequestPathRehearsal(
        Map.of(
            "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            new OpenAiTranslation(openAi),
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            anthropic),
        encoder);
  }

  /**
   * Builds the gateway and starts listening. Reads the pool's state file (blocking), so call it at
   * start-up, not on an event loop. Each gateway has its own meters: two in one JVM (tests) share
   * none.
   */
  public static Future<Gateway> start(Vertx vertx, Settings settings, Clock clock) {
    Gateway gateway;
    try {
      gateway = new Gateway(vertx, settings, clock);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    gateway.rehearsal.startInBackground(); // while the servers start
    return gateway.listen().map(v -> {
      gateway.warmUp();
      return gateway;
    });
  }

  /**
   * The servers on each port, each on its own event loop: Vert.x spreads the accepted connections
   * over them. They are started from verticle instances because servers created from one non-Vert.x
   * thread would share that thread's single event-loop context. How many: see
   * {@link #serverLoops()}.
   */
  private Future<Void> listen() {
    int loops = serverLoops();
    Future<Void> main = listenOn(settings.listen().port(), loops);
    if (settings.listen().bridgePort() <= 0) {
      return main;
    }
    return main.compose(v -> listenOn(settings.listen().bridgePort(), loops));
  }

  /**
   * One event loop per core: on a 2-core machine two loops carried more requests at the same CPU
   * per request than one and kept thousands of streams closer to their schedule; more loops than
   * cores were no better (docs/PERFORMANCE.md). {@code -XX:ActiveProcessorCount=N} in
   * {@code W2A_JAVA_OPTS} changes the count.
   */
  static int serverLoops() {
    return Runtime.getRuntime().availableProcessors(); // never below 1
  }

  private Future<Void> listenOn(int port, int loops) {
    // Vert.x shares one listening socket among servers asking for the same explicit port, not for
    // port 0.
    int instances = port == 0 ? 1 : loops;
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.listen().host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setIdleTimeout(0)
        // No WebSocket route: without these the server adds a WebSocket extension handler to every
        // pipeline.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
    // Every response is written from its request's event loop (the pipeline and the sinks run
    // there), so the
    // server may write straight to the connection instead of through its cross-thread message
    // queue.
    options.setStrictThreadMode(true);
    // HTTP/1.1 only on plain sockets (every SDK and agent speaks it to an http:// base URL): no h2c
    // sniffing
    // stage in front of each new connection, which cost every new connection time to its first
    // byte.
    options.setHttp2ClearTextEnabled(false);
    return vertx
        .deployVerticle(
            () -> new VerticleBase() {
              @Override
              public Future<?> start() {
                if (port == settings.listen().port()) {
                  serverContexts.add(context);
                }
                return vertx
                    .createHttpServer(options)
                    .connectionHandler(connections::onConnection)
                    .requestHandler(connections.wrap(router))
                    .listen()
                    .onSuccess(servers::add);
              }
            },
            new DeploymentOptions().setInstances(instances))
        .onSuccess(deployments::add)
        .mapEmpty();
  }

  /**
   * How a chat becomes a Warp {@code Request} under these settings (the system prompt prefix, the
   * MCP form). {@code bench/load.sh} builds its straight-to-the-simulator body with it, so both
   * legs carry the same turn.
   */
  public static BuildOptions requestOptions(Settings settings) {
    return BuildOptions.defaults()
        .withSystemPromptPrefix(settings.translation().systemPromptPrefix())
        .withMcpServersForm(settings.translation().mcpServersForm());
  }

  /**
   * Start-up reads in the background: every account's quota, and the model choices. Once a
   * credential has an access token (the quota reads fetch them), each server event loop opens its
   * first connection to Warp's AI origin, so the first chat does not pay a TCP and TLS handshake.
   */
  private void warmUp() {
    maintenance.readQuotas().onComplete(ar -> {
      if (ar.succeeded() && ar.result().containsValue("ok")) {
        serverContexts.forEach(c -> c.runOnContext(v -> transport.warm(apiUrl)));
      }
    });
    modelChoices.refresh();
  }

  /** The port the main server listens on (useful when started with port 0). */
  public int port() {
    return servers.isEmpty() ? -1 : servers.get(0).actualPort();
  }

  /** The bridge port's actual port, or -1. */
  public int bridgePort() {
    return servers.stream()
        .mapToInt(HttpServer::actualPort)
        .filter(p -> p != port())
        .findFirst()
        .orElse(-1);
  }

  public CredentialPool pool() {
    return pool;
  }

  public ModelCatalog models() {
    return catalog;
  }

  /** Where every request that ends is published: subscribe to follow the traffic live. */
  public FinishedRequests finishedRequests() {
    return finished;
  }

  /** The requests that ended last. */
  public RecentRequests recentRequests() {
    return recent;
  }

  /** The usage ledger. */
  public Ledger ledger() {
    return ledger;
  }

  /** The named client keys. */
  public KeyRegistry keys() {
    return keys;
  }

  /** Requests and tokens per minute of the last hour. */
  public TrafficMinutes traffic() {
    return traffic;
  }

  /**
   * A graceful stop (SIGTERM, or {@link #close()}): {@code /readyz} answers 503 at once, the ports
   * stop accepting connections (idle keep-alive connections close, busy ones once their response
   * has ended), requests in flight have {@code grace} to finish, those still running then end with
   * {@link Ending.ShuttingDown} in their client's dialect (503 + {@code Retry-After} before a
   * stream has begun, the dialect's error event after), and finally the pool's state is written.
   * The future completes when all that is done, as soon as the last request has ended. Calling it
   * again returns the same future.
   */
  public synchronized Future<Void> drain(Duration grace) {
    if (drained != null) {
      return drained;
    }
    stopping = true;
    LOG.info(
        "event=gateway.draining in_flight={} grace_ms={}", pipeline.inFlight(), grace.toMillis());
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer s : servers) {
      // The extra time is for the errors of the calls ended at the grace to reach their clients;
      // a connection still open after it is closed.
      closing.add(s.shutdown(grace.plus(ENDING_TIME)));
    }
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> {
      int ended = pipeline.inFlight();
      if (ended > 0) {
        LOG.info("event=gateway.grace_over ending={}", ended);
        pipeline.endAll(new Ending.ShuttingDown());
      }
    });
    drained = Future.join(closing)
        .transform(done -> {
          vertx.cancelTimer(timer);
          return releaseOnOwnThread();
        })
        .mapEmpty();
    return drained;
  }

  /**
   * {@link #release()} on a thread of its own, outside every Vert.x context: it undeploys the
   * server verticles, and undeploying one closes its context, which interrupts the blocking tasks
   * running on it. Run as such a task ({@code executeBlocking} from a server's context, where the
   * drain's futures complete), release stopped waiting for the undeploy it had started, and closing
   * Vert.x right after undeployed a server a second time (an ERROR "Already undeployed").
   */
  private Future<Void> releaseOnOwnThread() {
    Promise<Void> done = Promise.promise();
    Thread.ofPlatform().name("w2a-release").start(() -> {
      try {
        release();
        done.complete();
      } catch (RuntimeException | Error e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  /** {@link #drain(Duration)} with {@code W2A_SHUTDOWN_GRACE}. */
  public Future<Void> drain() {
    return drain(settings.listen().shutdownGrace());
  }

  /** True once {@link #drain} began: {@code /readyz} answers 503. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Stops gracefully with {@code W2A_SHUTDOWN_GRACE} ({@link #drain}) and waits for it; on a Vert.x
   * thread, which must not block, the drain goes on after this returns.
   */
  @Override
  public void close() {
    Duration grace = settings.listen().shutdownGrace();
    Future<Void> done = drain();
    if (Context.isOnVertxThread()) {
      return;
    }
    try {
      done.await(grace.plus(ENDING_TIME).toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.info("event=gateway.drain_incomplete reason=timeout");
      release();
    }
  }

  /** Stops listening, closes upstream connections and writes the pool's state; once. */
  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    for (HttpServer s : servers) {
      s.close();
    }
    List<Future<Void>> undeploying = new ArrayList<>();
    for (String id : deployments) {
      undeploying.add(vertx.undeploy(id));
    }
    try {
      // Waited for, so that closing Vert.x afterwards does not undeploy them a second time (an
      // ERROR "Already undeployed" at every stop).
      Future.join(undeploying).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("event=gateway.undeploy_incomplete reason={}", e.getClass().getSimpleName());
    }
    connections.close();
    client.close();
    maintenance.close();
    responseStore.close();
    affinity.close();
    vertx.cancelTimer(ledgerTimer);
    ledger.flush();
    if (sharedUsage != null) {
      sharedUsage.close();
    }
    usageStore.close();
    transport.close();
    pool.close();
  }
}
