package dev.warp2api.config;

import dev.warp2api.config.LogSettings.Format;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link Settings} from the environment and the {@code .env} file of a working directory
 * (environment wins), once, at start-up. Every setting is read with its default;
 * docs/CONFIGURATION.md lists them. Stateless and thread-safe.
 */
public final class SettingsLoader {
  /** Where the real Warp agent endpoint is. */
  public static final String DEFAULT_WARP_API_URL = "https://app.warp.dev/ai/multi-agent";
  /**
   * Warp's public Firebase web key, not a secret: every Warp client ships it (docs/PROTOCOL.md,
   * 'Endpoints').
   */
  public static final String FIREBASE_WEB_KEY = "AIzaSyBdy3O3S9hrdayLJxJ7mriBR4qgUaUygAs";
  /**
   * Identity defaults: the newest stable release tag of Warp's own client known with confidence,
   * with the macOS headers a real 2026 client was seen sending (docs/PROTOCOL.md, 'Headers').
   */
  public static final WarpIdentity DEFAULT_IDENTITY =
      new WarpIdentity("v0.2026.06.03.09.49.stable_00", "macOS", "macOS", "26.3");
  /**
   * Put before the client's system prompt unless {@code W2A_SYSTEM_PROMPT_PREFIX} says otherwise.
   */
  public static final String DEFAULT_SYSTEM_PROMPT_PREFIX =
      "You are answering a user through an API. The tools you are offered are the user's own tools: "
          + "call them when they help, and answer the user directly.";

  private static final List<String> HTTP = List.of("http", "https");

  private SettingsLoader() {}

  /** The settings and the harmless problems noticed while reading them (print them at start-up). */
  public record LoadResult(Settings settings, List<String> warnings) {
    public LoadResult {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads the settings.
   *
   * @param env the process environment (or a test's map); wins over {@code workDir/.env}
   * @param workDir the directory whose {@code .env} is read and against which {@code W2A_STATE_DIR}
   *     resolves
   * @throws ConfigException listing every problem, one line each, naming the setting and (unless it
   *     is a secret) its value
   */
  public static LoadResult load(Map<String, String> env, Path workDir) {
    List<String> warnings = new ArrayList<>();
    Environment merged =
        Environment.of(env).over(DotEnv.read(workDir.resolve(".env"), env, warnings));
    SettingReader r = new SettingReader(merged);

    PoolSettings pool = pool(r, warnings);
    AccessSettings access = new AccessSettings(
        CredentialReader.items("API_TOKEN", r, warnings),
        r.text("W2A_ADMIN_TOKEN")
            .map(CredentialReader::unquoted)
            .filter(k -> !k.isEmpty())
            .orElse(null));
    ListenSettings listen = listen(r);
    UpstreamSettings upstream = upstream(r);
    StoreSettings store = store(r, workDir, warnings);
    ClientLimits limits = limits(r);
    TranslationSettings translation = translation(r, warnings);
    LogSettings log = new LogSettings(
        logFormat(r),
        r.bool("W2A_VERBOSE", false),
        r.text("W2A_CAPTURE_DIR")
            .filter(d -> !d.isBlank())
            .map(d -> workDir.resolve(d.strip()).normalize())
            .orElse(null));

    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    return new LoadResult(
        new Settings(listen, access, upstream, pool, store, limits, translation, log), warnings);
  }

  private static ListenSettings listen(SettingReader r) {
    String host = r.text("W2A_HOST").or(() -> r.text("HOST")).orElse("127.0.0.1");
    int port = r.port("W2A_PORT", "PORT", 28889);
    int bridgePort = r.port("W2A_BRIDGE_PORT", null, 0);
    if (bridgePort != 0 && bridgePort == port) {
      r.problem("W2A_BRIDGE_PORT: '" + bridgePort
          + "' is the gateway's own port; leave it unset or pick another");
    }
    Duration grace = r.duration("W2A_SHUTDOWN_GRACE", ListenSettings.DEFAULT_SHUTDOWN_GRACE);
    if (grace.compareTo(Duration.ofHours(1)) > 0) {
      r.problem("W2A_SHUTDOWN_GRACE: '" + r.text("W2A_SHUTDOWN_GRACE").orElse("")
          + "' is over an hour; a stop would hang that long (e.g. 30s; 0 ends requests at once)");
    }
    return new ListenSettings(host, port, bridgePort, grace);
  }

  private static UpstreamSettings upstream(SettingReader r) {
    URI api = r.url("WARP_API_URL", DEFAULT_WARP_API_URL, HTTP);
    String origin = api.getScheme() + "://" + api.getRawAuthority();
    URI refresh = r.url("WARP_REFRESH_URL", origin + "/proxy/token?key=" + FIREBASE_WEB_KEY, HTTP);
    URI graphql = r.url("WARP_GRAPHQL_URL", origin + "/graphql/v2", HTTP);
    WarpIdentity identity = new WarpIdentity(
        r.text("WARP_CLIENT_VERSION", DEFAULT_IDENTITY.clientVersion()),
        r.text("WARP_OS_CATEGORY", DEFAULT_IDENTITY.osCategory()),
        r.text("WARP_OS_NAME", DEFAULT_IDENTITY.osName()),
        r.text("WARP_OS_VERSION", DEFAULT_IDENTITY.osVersion()));
    boolean insecureTls = r.bool("WARP_INSECURE_TLS", false);
    String proxy = r.proxyUrl(r.text("HTTPS_PROXY").isPresent() ? "HTTPS_PROXY" : "https_proxy");
    String noProxy = r.text("NO_PROXY").or(() -> r.text("no_proxy")).orElse(null);
    Duration head =
        positive(r, "W2A_UPSTREAM_HEAD_TIMEOUT", UpstreamSettings.DEFAULT_HEAD_TIMEOUT, "e.g. 30s");
    Duration budget =
        positive(r, "W2A_UPSTREAM_BUDGET", UpstreamSettings.DEFAULT_BUDGET, "e.g. 90s");
    Duration refreshTimeout =
        positive(r, "W2A_REFRESH_TIMEOUT", UpstreamSettings.DEFAULT_REFRESH_TIMEOUT, "e.g. 10s");
    return new UpstreamSettings(
        api, refresh, graphql, identity, insecureTls, proxy, noProxy, head, budget, refreshTimeout);
  }

  /** A duration that must be above zero: '0' would fail every upstream call at once. */
  private static Duration positive(
      SettingReader r, String name, Duration fallback, String example) {
    Duration value = r.duration(name, fallback);
    if (value.isZero()) {
      r.problem(
          name + ": '0' would fail every upstream call at once (above zero, " + example + ")");
    }
    return value;
  }

  private static PoolSettings pool(SettingReader r, List<String> warnings) {
    List<CredentialSpec> credentials = new CredentialReader(r, warnings).read();
    List<Tier> order = PoolOrder.parse(r, credentials, warnings);
    Duration cooldownMin = r.duration("W2A_COOLDOWN_MIN", Duration.ofSeconds(1));
    Duration cooldownMax = r.duration("W2A_COOLDOWN_MAX", Duration.ofHours(1));
    if (cooldownMin.compareTo(cooldownMax) > 0) {
      r.problem(
          "W2A_COOLDOWN_MIN: " + cooldownMin + " is longer than W2A_COOLDOWN_MAX " + cooldownMax);
    }
    Duration quotaCooldown = r.duration("W2A_QUOTA_COOLDOWN", Duration.ofHours(1));
    Duration quotaPoll = r.duration("W2A_QUOTA_POLL_INTERVAL", Duration.ofMinutes(5));
    int authFailures = r.integer("W2A_AUTH_FAILURES", 3, 1);
    Duration maxWait = r.duration("W2A_MAX_WAIT", Duration.ofSeconds(5));
    int maxConcurrency = r.integer("W2A_MAX_CONCURRENCY_PER_CREDENTIAL", 0, 0);
    int affinityMax = r.integer("W2A_AFFINITY_MAX", AffinitySettings.DEFAULTS.maxEntries(), 0);
    Duration affinityIdle = r.duration("W2A_AFFINITY_IDLE", AffinitySettings.DEFAULTS.idle());
    if (affinityIdle.isZero()) {
      r.problem("W2A_AFFINITY_IDLE: '0' would forget every conversation at once (above zero,"
          + " e.g. 1h; W2A_AFFINITY_MAX=0 turns affinity off)");
      affinityIdle = AffinitySettings.DEFAULTS.idle();
    }
    return new PoolSettings(
        credentials,
        order,
        new PoolSettings.Cooldowns(
            quotaCooldown, quotaPoll, cooldownMin, cooldownMax, authFailures),
        maxWait,
        maxConcurrency,
        new AffinitySettings(affinityMax, affinityIdle));
  }

  private static StoreSettings store(SettingReader r, Path workDir, List<String> warnings) {
    Path stateDir = workDir.resolve(r.text("W2A_STATE_DIR", "./data")).normalize();
    URI redis = r.url("W2A_REDIS_URL", null, List.of("redis", "rediss"));
    String prefix = r.text("W2A_REDIS_PREFIX", "w2a:");
    byte[] key = secretKey(r, "W2A_SECRET_KEY");
    byte[] previous = secretKey(r, "W2A_SECRET_KEY_PREVIOUS");
    if (redis != null && key == null && r.text("W2A_SECRET_KEY").isEmpty()) {
      r.problem(
          "W2A_SECRET_KEY: required with W2A_REDIS_URL (secrets kept in Redis are sealed with it); make one"
              + " with: openssl rand -base64 32");
    }
    if (previous != null && key == null && r.text("W2A_SECRET_KEY").isEmpty()) {
      r.problem("W2A_SECRET_KEY_PREVIOUS: set only while rotating, beside the new W2A_SECRET_KEY");
    }
    ResponseStoreLimits responses = new ResponseStoreLimits(
        r.integer("W2A_RESPONSE_STORE_MAX", ResponseStoreLimits.DEFAULTS.maxEntries(), 0),
        r.size("W2A_RESPONSE_STORE_MAX_BYTES", ResponseStoreLimits.DEFAULTS.maxBytes()),
        r.duration("W2A_RESPONSE_STORE_TTL", ResponseStoreLimits.DEFAULTS.ttl()));
    Duration retention = r.duration("W2A_USAGE_RETENTION", StoreSettings.DEFAULT_USAGE_RETENTION);
    if (retention.toDays() < 1 || !retention.equals(Duration.ofDays(retention.toDays()))) {
      r.problem("W2A_USAGE_RETENTION: '" + r.text("W2A_USAGE_RETENTION").orElse("")
          + "' is not a whole number of days, at least 1 (write 90d)");
      retention = StoreSettings.DEFAULT_USAGE_RETENTION;
    }
    return new StoreSettings(
        stateDir,
        redis == null ? null : redis.toString(),
        prefix,
        key,
        previous,
        responses,
        retention);
  }

  /** 32 bytes of base64 (standard or URL-safe alphabet); never echoes the value. */
  private static byte[] secretKey(SettingReader r, String name) {
    String value = r.text(name).map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    byte[] key;
    try {
      key = value.indexOf('-') >= 0 || value.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(value)
          : Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      r.problem(name + ": not base64; write 32 random bytes in base64 (openssl rand -base64 32)");
      return null;
    }
    if (key.length != 32) {
      r.problem(name + ": decodes to " + key.length
          + " bytes, not 32; write 32 random bytes in base64" + " (openssl rand -base64 32)");
      return null;
    }
    return key;
  }

  private static ClientLimits limits(SettingReader r) {
    Duration keepalive = r.duration("W2A_KEEPALIVE", Duration.ofSeconds(15));
    if (keepalive.isZero()) {
      r.problem("W2A_KEEPALIVE: '0' is not a usable keep-alive interval (above zero, e.g. 15s)");
    }
    Duration headerTimeout = r.duration("W2A_HEADER_TIMEOUT", ClientLimits.DEFAULT_HEADER_TIMEOUT);
    if (headerTimeout.isZero()) {
      r.problem("W2A_HEADER_TIMEOUT: '0' would close every connection (above zero, e.g. 10s)");
    }
    Duration idle = r.duration("W2A_CLIENT_IDLE_TIMEOUT", ClientLimits.DEFAULT_CLIENT_IDLE_TIMEOUT);
    if (idle.isZero()) {
      r.problem(
          "W2A_CLIENT_IDLE_TIMEOUT: '0' would close every connection between requests (above zero, e.g. 60s)");
    }
    long inflight = r.size("W2A_MAX_INFLIGHT_BODY_BYTES", ClientLimits.defaultInflightBodyBytes());
    if (inflight <= 0) {
      r.problem("W2A_MAX_INFLIGHT_BODY_BYTES: must be above zero (e.g. 64MiB)");
    }
    int maxConnections = r.integer("W2A_MAX_CONNECTIONS", ClientLimits.defaultMaxConnections(), 1);
    return new ClientLimits(
        r.size("W2A_MAX_BODY_BYTES", 20L << 20),
        keepalive,
        inflight,
        headerTimeout,
        idle,
        maxConnections);
  }

  private static TranslationSettings translation(SettingReader r, List<String> warnings) {
    Map<String, String> aliases = modelAliases(r, warnings);
    String prefix = r.text("W2A_SYSTEM_PROMPT_PREFIX", DEFAULT_SYSTEM_PROMPT_PREFIX);
    return new TranslationSettings(
        aliases,
        prefix.equalsIgnoreCase("none") ? "" : prefix,
        r.bool("W2A_MCP_SERVERS_FORM", false));
  }

  private static Format logFormat(SettingReader r) {
    String value = r.text("W2A_LOG_FORMAT", "text");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> {
        r.problem("W2A_LOG_FORMAT: '" + value + "' is not text or json");
        yield Format.TEXT;
      }
    };
  }

  /**
   * {@code client-name=warp-id,...}; client names are matched case-insensitively, so stored
   * lower-case.
   */
  private static Map<String, String> modelAliases(SettingReader r, List<String> warnings) {
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String item : CredentialReader.items("W2A_MODEL_ALIASES", r, warnings)) {
      int eq = item.indexOf('=');
      String client = eq < 0 ? "" : item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String warpId = eq < 0 ? "" : item.substring(eq + 1).strip();
      if (client.isEmpty() || warpId.isEmpty()) {
        r.problem("W2A_MODEL_ALIASES: '" + item + "' is not client-name=warp-id");
      } else if (aliases.putIfAbsent(client, warpId) != null) {
        r.problem("W2A_MODEL_ALIASES: '" + client + "' is given more than once");
      }
    }
    return aliases;
  }
}
