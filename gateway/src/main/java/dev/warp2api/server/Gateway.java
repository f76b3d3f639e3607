package dev.warp2api.server;

import dev.warp2api.api.AccessPolicy;
import dev.warp2api.api.BodyReader;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.ClientKeys;
import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.anthropic.AnthropicErrors;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.anthropic.CountTokens;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiErrors;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.config.Settings;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.pipeline.Pipeline;
import dev.warp2api.pipeline.PipelineListener;
import dev.warp2api.pipeline.QuotaReader;
import dev.warp2api.pipeline.RetryPolicy;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.PoolEvents;
import dev.warp2api.pool.QuotaSnapshot;
import dev.warp2api.warp.client.AccessTokens;
import dev.warp2api.warp.client.HttpTokenRefresher;
import dev.warp2api.warp.client.WarpClient;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.client.WarpGraphql;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A running gateway: every component built from {@link Settings}, the routes on one router, and an
 * HTTP server on {@code W2A_PORT} (and {@code W2A_BRIDGE_PORT} when set). Tests start it in-process
 * against the simulator; {@link GatewayServer} starts it for {@code ./warp2api serve}.
 */
public final class Gateway implements AutoCloseable {
  private final Vertx vertx;
  private final Settings settings;
  private final CredentialPool pool;
  private final WarpClient client;
  private final HttpTokenRefresher refresher;
  private final WarpGraphql graphql;
  private final ModelCatalog catalog;
  private final List<HttpServer> servers = new ArrayList<>();
  private final Router router;
  private final AdminRoutes admin;
  private final ModelChoices modelChoices;

  private Gateway(Vertx vertx, Settings settings, Clock clock, PipelineListener listener) {
    this.vertx = vertx;
    this.settings = settings;
    this.pool = CredentialPool.open(settings, clock, PoolEvents.NONE);
    WarpEndpoints endpoints = WarpEndpoints.from(settings);
    this.client = new WarpClient(vertx, endpoints);
    this.refresher = new HttpTokenRefresher(vertx, endpoints, clock);
    this.graphql = new WarpGraphql(vertx, endpoints, clock);
    PoolTokens tokens = new PoolTokens(pool, new AccessTokens(refresher, clock));
    QuotaReader quotas = new QuotaReader(
        id -> tokens.get(id).compose(t -> graphql.requestLimitInfo(t.value()))
            .map(q -> new QuotaSnapshot(q.limit(), q.used(), q.unlimited(), q.nextRefresh(), clock.instant())),
        pool::updateQuota);
    this.catalog = ModelCatalog.from(settings);
    this.modelChoices = new ModelChoices(pool, tokens, graphql, catalog, clock);
    Pipeline pipeline = new Pipeline(vertx, pool, tokens, client, quotas,
        RetryPolicy.standard(pool.ids().size()), settings.maxWait(), clock, listener);

    ErrorMapper errors = new ErrorMapper(Map.of(
        Dialect.OPENAI, (e, id) -> OpenAiErrors.body(e).toString(),
        Dialect.ANTHROPIC, AnthropicErrors::body));
    AccessPolicy access = new AccessPolicy(ClientKeys.of(settings.apiKeys()),
        ClientKeys.of(settings.adminKey() == null ? List.of() : List.of(settings.adminKey())));
    Routes routes = new Routes(vertx, access, errors, new BodyReader(settings.maxBodyBytes()));

    BuildOptions buildOptions = BuildOptions.defaults()
        .withSystemPromptPrefix(settings.prompting().systemPromptPrefix())
        .withMcpServersForm(settings.prompting().mcpServersForm());
    Function<ChatRequest, Buffer> encoder =
        chat -> Buffer.buffer(RequestBuilder.build(chat, buildOptions).toByteArray());
    ChatExchange exchange = new ChatExchange(vertx, pipeline, errors, encoder, settings.keepalive(),
        modelChoices::refresh);

    OpenAiDialect openAi = new OpenAiDialect(catalog, clock);
    AnthropicTranslation anthropic = new AnthropicTranslation(catalog);
    CountTokens countTokens = new CountTokens(anthropic.parser());

    ProbeRoutes probes = new ProbeRoutes(pool, clock);
    probes.mount(routes);
    routes.get("/v1/models", ctx -> AdminRoutes.json(ctx, 200, openAi.models()));
    routes.get("/v1/models/:id", ctx -> AdminRoutes.json(ctx, 200, openAi.model(ctx.pathParam("id"))));
    routes.chat("/v1/chat/completions", exchange, new OpenAiTranslation(openAi));
    routes.chat("/v1/messages", exchange, anthropic);
    routes.post("/v1/messages/count_tokens", (ctx, body, id) -> ctx.response()
        .putHeader("content-type", "application/json")
        .putHeader("request-id", id)
        .end(countTokens.respond(ChatExchange.parseJson(body))));
    this.admin = new AdminRoutes(pool, tokens, quotas);
    admin.mount(routes);
    routes.finish();
    this.router = routes.router();
  }

  /**
   * Builds the gateway and starts listening. Reads the pool's state file (blocking), so call it at
   * start-up, not on an event loop.
   */
  public static Future<Gateway> start(Vertx vertx, Settings settings, Clock clock) {
    return start(vertx, settings, clock, PipelineListener.NONE);
  }

  public static Future<Gateway> start(Vertx vertx, Settings settings, Clock clock, PipelineListener listener) {
    Gateway gateway;
    try {
      gateway = new Gateway(vertx, settings, clock, listener);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return gateway.listen().map(v -> {
      gateway.warmUp();
      return gateway;
    });
  }

  private Future<Void> listen() {
    List<Future<HttpServer>> started = new ArrayList<>();
    started.add(listenOn(settings.port()));
    if (settings.bridgePort() > 0) {
      started.add(listenOn(settings.bridgePort()));
    }
    return Future.all(started).mapEmpty();
  }

  private Future<HttpServer> listenOn(int port) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setIdleTimeout(0);
    HttpServer server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen().onSuccess(servers::add);
  }

  /** Start-up reads in the background: every account's quota, and the model choices. */
  private void warmUp() {
    admin.check();
    modelChoices.refresh();
  }

  /** The port the main server listens on (useful when started with port 0). */
  public int port() {
    return servers.isEmpty() ? -1 : servers.get(0).actualPort();
  }

  /** The bridge port's actual port, or -1. */
  public int bridgePort() {
    return servers.size() < 2 ? -1 : servers.get(1).actualPort();
  }

  public CredentialPool pool() {
    return pool;
  }

  public ModelCatalog models() {
    return catalog;
  }

  /** Stops listening, closes upstream connections and writes the pool's state. */
  @Override
  public void close() {
    for (HttpServer s : servers) {
      s.close();
    }
    client.close();
    refresher.close();
    graphql.close();
    pool.close();
  }
}
