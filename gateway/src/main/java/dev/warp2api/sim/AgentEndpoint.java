package dev.warp2api.sim;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.warp.protocol.pb.Request;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * {@code POST /ai/multi-agent}. Order of checks: bearer (401) → body parses as {@code Request}
 * (400) → {@code input} present (500, empty body) → account has credits (429) → scripted reply or
 * fault → charge → stream. Runs on the event loop; never blocks.
 */
final class AgentEndpoint {
  static final String UNAUTHORIZED_BODY = "{\"error\":\"Unauthorized: User not in context\"}";
  static final String BAD_REQUEST_BODY =
      "{\"error\":\"Invalid request: Received invalid AIAgentRequest: proto: cannot parse invalid wire-format data\"}";
  static final String LEGACY_QUOTA_BODY =
      "{\"error\":\"No remaining quota: No AI requests remaining\"}";
  static final String OVERLOADED_BODY = "{\"error\":\"Server is overloaded, please retry later\"}";
  static final String FORBIDDEN_BODY = "{\"error\":\"Forbidden\"}";
  static final String OUTDATED_BODY =
      "{\"error\":\"This version of Warp is no longer supported. Please update Warp to continue.\"}";
  static final String HTML_PAGE =
      "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
          + "<body><h1>502 Bad Gateway</h1><p>The server encountered a temporary error.</p></body></html>\n";
  /**
   * HTTP/2 error code: the stream was refused before any processing, safe to retry (RFC 9113 §8.7).
   */
  private static final long REFUSED_STREAM = 0x7;

  private static final DateTimeFormatter RESET_DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final SimConfig config;
  private final Clock clock;
  private final Accounts accounts;
  private final JwtIssuer jwt;
  private final ReplyQueue replies;
  private final RequestLog log;
  private final ConnectionLog connections;
  private final AtomicInteger openStreams = new AtomicInteger();
  /** Per account label: its streams being written now, and the most there ever were at once. */
  private final Map<String, AtomicInteger> openByAccount = new ConcurrentHashMap<>();

  private final Map<String, Integer> mostOpenByAccount = new ConcurrentHashMap<>();
  /** The protocol changes switched on ({@link WarpSimulator#changeProtocol}). */
  final ProtocolChanges changes = new ProtocolChanges();

  private final Cache<String, DoubleAdder> conversationCredits =
      Caffeine.newBuilder().maximumSize(100_000).build();

  AgentEndpoint(
      Vertx vertx,
      SimConfig config,
      Accounts accounts,
      JwtIssuer jwt,
      ReplyQueue replies,
      RequestLog log,
      ConnectionLog connections) {
    this.connections = connections;
    this.vertx = vertx;
    this.config = config;
    this.clock = config.clock();
    this.accounts = accounts;
    this.jwt = jwt;
    this.replies = replies;
    this.log = log;
  }

  static Optional<String> bearer(HttpServerRequest req) {
    String h = req.getHeader("authorization");
    if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(h.substring(7).trim());
  }

  void handle(HttpServerRequest req, Buffer body) {
    Instant now = clock.instant();
    Optional<Account> found =
        bearer(req).flatMap(t -> jwt.verify(t, now)).flatMap(accounts::forUserId);
    if (found.isEmpty()) {
      json(req, 401, UNAUTHORIZED_BODY);
      return;
    }
    Account account = found.get();
    Request request;
    try {
      request = Request.parseFrom(body.getBytes());
    } catch (InvalidProtocolBufferException e) {
      json(req, 400, BAD_REQUEST_BODY);
      return;
    }
    if (!request.hasInput()) {
      record(req, request, account, 500, "", now);
      req.response().setStatusCode(500).putHeader("content-length", "0").end();
      return;
    }
    if (account.exhausted(now)) {
      record(req, request, account, 429, "", now);
      quota429(req, account, now);
      return;
    }
    SimReply reply = replies.next(account);
    if (reply.fault() != null && reply.fault().kind() != SimFault.Kind.DISCONNECT_AFTER) {
      fault(req, request, account, reply.fault(), now);
      return;
    }
    long cost = config.creditsPerRequest();
    if (account.charge(cost, now) == Account.Charge.EXHAUSTED) {
      record(req, request, account, 429, "", now);
      quota429(req, account, now);
      return;
    }
    stream(req, request, account, reply, cost, now);
  }

  private void stream(
      HttpServerRequest req,
      Request request,
      Account account,
      SimReply reply,
      long cost,
      Instant now) {
    String conversationId = Turn.conversationIdOf(request);
    DoubleAdder spent = conversationCredits.get(conversationId, k -> new DoubleAdder());
    spent.add(cost);
    boolean hasTask = request.getTaskContext().getTasksCount() > 0
        && !request.getTaskContext().getTasks(0).getId().isEmpty();
    String taskId = hasTask ? request.getTaskContext().getTasks(0).getId() : MessageFactory.uuid();
    String query = Turn.lastQuery(request);
    Turn turn = new Turn(
        conversationId,
        MessageFactory.uuid(),
        taskId,
        !hasTask,
        request.getInput(),
        query,
        model(request.getSettings().getModelConfig().getBase()),
        Turn.estimateInputTokens(request),
        cost,
        (float) spent.sum(),
        now);
    ReplyPlan plan = ReplyPlan.resolve(
        reply,
        query,
        config.replyDeltas(),
        config.legacy() ? LegacySequence::fixedEvents : ModernSequence::fixedEvents);
    List<Buffer> frames = config.legacy()
        ? LegacySequence.frames(turn, plan)
        : changes.apply(ModernSequence.frames(turn, plan), turn, plan);
    record(req, request, account, 200, conversationId, now);
    int disconnectAfter = reply.fault() != null ? reply.fault().afterEvents() : -1;
    if (disconnectAfter >= 0 && req.version() == HttpVersion.HTTP_2) {
      connections.resetSent();
    }
    openStreams.incrementAndGet();
    AtomicInteger open = openByAccount.computeIfAbsent(account.label, k -> new AtomicInteger());
    mostOpenByAccount.merge(account.label, open.incrementAndGet(), Math::max);
    StreamWriter.start(
        vertx,
        req,
        frames,
        reply.gap() != null ? reply.gap() : config.replyGap(),
        disconnectAfter,
        () -> {
          open.decrementAndGet();
          openStreams.decrementAndGet();
        });
  }

  /** The most streams of {@code label}'s account that were being written at once; 0 if none. */
  int mostConcurrentStreams(String label) {
    return mostOpenByAccount.getOrDefault(label, 0);
  }

  /** Streams still being written (neither fully handed over nor abandoned by the client). */
  int openStreams() {
    return openStreams.get();
  }

  private SimModel model(String id) {
    for (SimModel m : config.models()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    return new SimModel(
        id.isEmpty() ? "auto" : id,
        id.isEmpty() ? "Auto (Responsive)" : id,
        "WARP",
        false,
        200_000);
  }

  private void fault(
      HttpServerRequest req, Request request, Account account, SimFault fault, Instant now) {
    switch (fault.kind()) {
      case QUOTA_429 -> {
        record(req, request, account, 429, "", now);
        quota429(req, account, now);
      }
      case OVERLOADED_429 -> {
        record(req, request, account, 429, "", now);
        HttpServerResponse res = req.response();
        if (fault.retryAfter() != null) {
          res.putHeader("retry-after", Long.toString(fault.retryAfter().toSeconds()));
        }
        json(req, 429, OVERLOADED_BODY);
      }
      case AUTH_401 -> {
        record(req, request, account, 401, "", now);
        json(req, 401, UNAUTHORIZED_BODY);
      }
      case BAD_REQUEST_400 -> {
        record(req, request, account, 400, "", now);
        json(req, 400, BAD_REQUEST_BODY);
      }
      case SERVER_500_EMPTY -> {
        record(req, request, account, 500, "", now);
        req.response().setStatusCode(500).putHeader("content-length", "0").end();
      }
      case STALL -> record(req, request, account, 0, "", now);
      case DISCONNECT_BEFORE_RESPONSE -> {
        record(req, request, account, 0, "", now);
        if (req.version() == HttpVersion.HTTP_2) {
          connections.resetSent();
        }
        StreamWriter.drop(req);
      }
      case FORBIDDEN_403 -> {
        record(req, request, account, 403, "", now);
        json(req, 403, FORBIDDEN_BODY);
      }
      case HTML_ERROR_PAGE -> {
        record(req, request, account, 502, "", now);
        req.response()
            .setStatusCode(502)
            .putHeader("content-type", "text/html; charset=utf-8")
            .end(HTML_PAGE);
      }
      case NEW_ERROR_CODE -> {
        record(req, request, account, 429, "", now);
        req.response().putHeader("x-warp-error-code", SimFault.NEW_ERROR_CODE_VALUE);
        json(req, 429, "{\"error\":\"Requests are paused\"}");
      }
      case CLIENT_OUTDATED -> {
        record(req, request, account, 426, "", now);
        req.response().putHeader("x-warp-error-code", SimFault.CLIENT_OUTDATED_CODE);
        json(req, 426, OUTDATED_BODY);
      }
      case GOAWAY -> refuse(req);
      case DISCONNECT_AFTER -> throw new IllegalStateException("handled as a stream");
    }
  }

  /**
   * GOAWAY whose last processed stream is the one before this request's: this one is refused,
   * unprocessed.
   */
  private void refuse(HttpServerRequest req) {
    if (req.version() != HttpVersion.HTTP_2) {
      req.connection().close();
      return;
    }
    connections.goAwaySent();
    req.connection().goAway(0, (int) Math.max(0, req.streamId() - 2));
    if (!req.response().closed()) {
      req.response().reset(REFUSED_STREAM);
    }
  }

  private void quota429(HttpServerRequest req, Account account, Instant now) {
    if (config.legacy()) {
      json(req, 429, LEGACY_QUOTA_BODY);
      return;
    }
    String resets = RESET_DATE.format(account.snapshot(now).nextRefreshTime());
    String body = new JsonObject()
        .put("error", "No remaining quota: out of credits")
        .put(
            "userDisplayMessage",
            "You've reached your credit limit. Your credit limit resets on " + resets + ".")
        .encode();
    req.response().putHeader("x-warp-error-code", "OUT_OF_CREDITS");
    json(req, 429, body);
  }

  private static void json(HttpServerRequest req, int status, String body) {
    req.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body);
  }

  private void record(
      HttpServerRequest req,
      Request request,
      Account account,
      int status,
      String conversationId,
      Instant now) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    req.headers().forEach(e -> {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      headers
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(name.equals("authorization") ? "Bearer \u2588\u2588" : e.getValue());
    });
    headers.replaceAll((k, v) -> List.copyOf(v));
    String bearer = bearer(req).map(SimAccountSpec::fingerprint).orElse("");
    log.add(new RecordedRequest(
        request, account.label, account.fingerprint, headers, bearer, status, conversationId, now));
  }
}
