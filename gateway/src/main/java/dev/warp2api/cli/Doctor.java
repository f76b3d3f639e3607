package dev.warp2api.cli;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Settings;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.config.Tier;
import dev.warp2api.config.WarpIdentity;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.Jwt;
import dev.warp2api.pool.Fingerprint;
import dev.warp2api.server.Gateway;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.HttpTokenRefresher;
import dev.warp2api.warp.client.ModelChoice;
import dev.warp2api.warp.client.QuotaInfo;
import dev.warp2api.warp.client.WarpClient;
import dev.warp2api.warp.client.WarpEndpoints;
import dev.warp2api.warp.client.WarpGraphql;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code doctor}: every step between this machine and a working chat, in order, each one line (see
 * {@link DoctorStep}): the configuration, the client identity, DNS / TCP / TLS to each upstream
 * host, the token exchange and the quota of each credential, the account's model choices,
 * optionally one chat turn per tier, and the drift seen. A chat can work when the configuration is
 * usable, the AI host is reachable, some credential refreshes and has credit left, and (with
 * {@code --chat}) some chat turn finished.
 *
 * <p>Blocking; for the CLI. Never prints a secret: credentials appear by name and fingerprint.
 */
final class Doctor {
  /** Each upstream read gets this long (the gateway's own limits are similar). */
  private static final long CALL_SECONDS = 60;

  private final Map<String, String> env;
  private final Path workDir;
  private final boolean chat;
  private final Clock clock;
  private final List<DoctorStep> steps = new ArrayList<>();

  Doctor(Map<String, String> env, Path workDir, boolean chat, Clock clock) {
    this.env = env;
    this.workDir = workDir;
    this.chat = chat;
    this.clock = clock;
  }

  /** What one credential's checks found. */
  private record Checked(
      CredentialSpec credential, String fingerprint, AccessToken token, QuotaInfo quota) {
    boolean canChat(Instant now) {
      return token != null && (quota == null || quota.remainingAt(now) > 0);
    }
  }

  DoctorReport run() {
    DriftSteps drift = DriftSteps.before();
    Settings settings;
    try {
      SettingsLoader.LoadResult loaded = SettingsLoader.load(env, workDir);
      settings = loaded.settings();
      steps.add(configuration(settings));
      if (!loaded.warnings().isEmpty()) {
        steps.add(DoctorStep.warn(
            "configuration warnings",
            String.join("; ", loaded.warnings()),
            "see docs/CONFIGURATION.md"));
      }
    } catch (ConfigException e) {
      steps.add(DoctorStep.fail(
          "configuration",
          String.join("; ", e.problems()),
          "fix the settings named (environment or ./.env; docs/CONFIGURATION.md)"));
      return new DoctorReport(steps, false);
    }
    if (settings.pool().credentials().isEmpty()) {
      return new DoctorReport(steps, false);
    }
    WarpEndpoints endpoints = WarpEndpoints.from(settings.upstream());
    boolean aiReachable = network(endpoints);
    Vertx vertx = Vertx.vertx();
    boolean chatWorked = false;
    List<Checked> checked;
    try (HttpTokenRefresher refresher = new HttpTokenRefresher(vertx, endpoints, clock);
        WarpGraphql graphql = new WarpGraphql(vertx, endpoints, clock)) {
      checked = credentials(settings, refresher, graphql);
      models(checked, graphql);
      if (chat) {
        try (WarpClient client = new WarpClient(vertx, endpoints)) {
          chatWorked = chats(settings, checked, client);
        }
      } else {
        steps.add(DoctorStep.skipped(
            "chat", "not tried (it costs credit): run 'doctor --chat' for one turn per tier"));
      }
    } finally {
      close(vertx);
    }
    steps.add(identity(settings.upstream().identity()));
    steps.addAll(drift.after(settings));
    Instant now = clock.instant();
    boolean credentialWorks = checked.stream().anyMatch(c -> c.canChat(now));
    boolean works = aiReachable && credentialWorks && (!chat || chatWorked);
    return new DoctorReport(steps, works);
  }

  private DoctorStep configuration(Settings settings) {
    List<CredentialSpec> credentials = settings.pool().credentials();
    if (credentials.isEmpty()) {
      return DoctorStep.fail(
          "configuration",
          "no credential is configured",
          "set WARP_REFRESH_TOKEN (or WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS, WARP_ANONYMOUS_TOKEN, WARP_JWT) in "
              + "the environment or ./.env");
    }
    String names = credentials.stream()
        .map(c -> c.name() + " (" + Fingerprint.of(c.secret()) + ")")
        .collect(Collectors.joining(", "));
    String tiers =
        settings.pool().order().stream().map(Tier::label).collect(Collectors.joining(","));
    var up = settings.upstream();
    WarpEndpoints endpoints = WarpEndpoints.from(up);
    String proxy = endpoints.proxyFor(up.apiUrl());
    return DoctorStep.ok(
        "configuration",
        credentials.size() + " credential(s): " + names + "; tiers " + tiers
            + "; WARP_API_URL " + up.apiUrl() + ", WARP_REFRESH_URL "
            + withoutQuery(up.refreshUrl())
            + ", WARP_GRAPHQL_URL " + up.graphqlUrl() + "; proxy "
            + (proxy == null ? "none" : proxy)
            + (up.insecureTls() ? "; TLS verification OFF (WARP_INSECURE_TLS)" : ""));
  }

  /**
   * DNS, TCP and (https) TLS to each distinct upstream host; whether the AI endpoint's host passed.
   */
  private boolean network(WarpEndpoints endpoints) {
    Set<String> seen = new LinkedHashSet<>();
    boolean aiOk = true;
    for (URI url : List.of(endpoints.apiUrl(), endpoints.refreshUrl(), endpoints.graphqlUrl())) {
      if (url == null || !seen.add(url.getScheme() + "://" + NetworkProbe.hostPort(url))) {
        continue;
      }
      String proxy = endpoints.proxyFor(url);
      DoctorStep dns = NetworkProbe.dns(url, proxy);
      steps.add(dns);
      boolean ok = !dns.failed();
      if (ok) {
        DoctorStep tcp = NetworkProbe.tcp(url, proxy);
        steps.add(tcp);
        ok = !tcp.failed();
      }
      if (ok && "https".equalsIgnoreCase(url.getScheme())) {
        DoctorStep tls = NetworkProbe.tls(url, proxy, endpoints.insecureTls(), clock.instant());
        steps.add(tls);
        ok = !tls.failed();
      } else if (!"https".equalsIgnoreCase(url.getScheme())) {
        steps.add(DoctorStep.ok(
            "tls " + NetworkProbe.hostPort(url), "not used (http:// URL; Warp itself is https)"));
      }
      if (url == endpoints.apiUrl()) {
        aiOk = ok;
      }
    }
    return aiOk;
  }

  private List<Checked> credentials(
      Settings settings, HttpTokenRefresher refresher, WarpGraphql graphql) {
    List<Checked> out = new ArrayList<>();
    for (CredentialSpec c : settings.pool().credentials()) {
      String fingerprint = Fingerprint.of(c.secret());
      String label = c.name() + " (" + fingerprint + ")";
      if (!settings.pool().order().contains(c.tier())) {
        steps.add(DoctorStep.skipped(
            "refresh " + label,
            "not used: WARP_POOL_ORDER leaves out " + c.tier().label()));
        out.add(new Checked(c, fingerprint, null, null));
        continue;
      }
      AccessToken token = token(c, label, refresher);
      QuotaInfo quota = token == null ? null : quota(label, token, graphql);
      out.add(new Checked(c, fingerprint, token, quota));
    }
    return out;
  }

  private AccessToken token(CredentialSpec c, String label, HttpTokenRefresher refresher) {
    Instant now = clock.instant();
    if (c.kind() == CredentialSpec.Kind.ACCESS_TOKEN) {
      Optional<Instant> expiry = Jwt.expiry(c.secret());
      if (expiry.isPresent() && !expiry.get().isAfter(now)) {
        steps.add(
            DoctorStep.fail(
                "token " + label,
                "WARP_JWT expired at " + expiry.get(),
                "an access token is never refreshed: set a fresh WARP_JWT, or better a WARP_REFRESH_TOKEN"));
        return null;
      }
      steps.add(DoctorStep.ok(
          "token " + label,
          "WARP_JWT used as it is"
              + expiry
                  .map(e ->
                      ", valid for " + minutes(Duration.between(now, e)) + " (until " + e + ")")
                  .orElse("")));
      return new AccessToken(c.secret(), expiry.orElse(now.plus(Duration.ofHours(1))));
    }
    try {
      AccessToken token = refresher.refresh(c.secret()).await(CALL_SECONDS, TimeUnit.SECONDS);
      steps.add(DoctorStep.ok(
          "refresh " + label,
          "accepted; the access token is valid for "
              + minutes(Duration.between(now, token.expiresAt())) + " (until " + token.expiresAt()
              + ")"));
      return token;
    } catch (Exception e) {
      steps.add(
          FailureAdvice.explain("refresh " + label, FailureAdvice.Endpoint.REFRESH, cause(e)));
      return null;
    }
  }

  private QuotaInfo quota(String label, AccessToken token, WarpGraphql graphql) {
    try {
      QuotaInfo q = graphql.requestLimitInfo(token.value()).await(CALL_SECONDS, TimeUnit.SECONDS);
      Instant now = clock.instant();
      String detail = q.unlimited()
          ? "unlimited plan"
          : q.used() + " of " + q.limit() + " credits used, " + q.remainingAt(now) + " left"
              + (q.nextRefresh() == null ? "" : ", resets " + q.nextRefresh())
              + (q.period() == null ? "" : " (" + q.period() + ")");
      if (!q.unlimited() && q.remainingAt(now) <= 0) {
        steps.add(DoctorStep.warn(
            "quota " + label,
            detail,
            "this credential cannot chat until the reset; the " + "gateway uses the others"));
      } else {
        steps.add(DoctorStep.ok("quota " + label, detail));
      }
      return q;
    } catch (Exception e) {
      DoctorStep failed =
          FailureAdvice.explain("quota " + label, FailureAdvice.Endpoint.GRAPHQL, cause(e));
      steps.add(DoctorStep.warn(
          failed.step(),
          "GetRequestLimitInfo failed: " + failed.detail(),
          "the gateway still serves, but cannot see when credit runs out; " + failed.todo()));
      return null;
    }
  }

  private void models(List<Checked> checked, WarpGraphql graphql) {
    Optional<Checked> first = checked.stream().filter(c -> c.token() != null).findFirst();
    if (first.isEmpty()) {
      steps.add(DoctorStep.skipped("models", "no credential has an access token"));
      return;
    }
    try {
      List<ModelChoice> models = graphql
          .featureModelChoices(first.get().token().value())
          .await(CALL_SECONDS, TimeUnit.SECONDS);
      List<String> enabled =
          models.stream().filter(ModelChoice::enabled).map(ModelChoice::id).toList();
      if (enabled.isEmpty()) {
        steps.add(DoctorStep.warn(
            "models",
            "GetFeatureModelChoices offers no enabled model (" + models.size() + " listed)",
            "the account may need credit or an upgrade; 'auto' is still tried by clients"));
        return;
      }
      steps.add(DoctorStep.ok(
          "models",
          enabled.size() + " of " + models.size() + " enabled: "
              + String.join(", ", enabled.subList(0, Math.min(8, enabled.size())))
              + (enabled.size() > 8 ? ", …" : "")));
    } catch (Exception e) {
      DoctorStep failed = FailureAdvice.explain("models", FailureAdvice.Endpoint.GRAPHQL, cause(e));
      steps.add(DoctorStep.warn(
          "models",
          "GetFeatureModelChoices failed: " + failed.detail(),
          "the gateway lists its documented models instead; " + failed.todo()));
    }
  }

  /**
   * One turn per tier in pool order, with the tier's first credential that can chat; whether any
   * finished.
   */
  private boolean chats(Settings settings, List<Checked> checked, WarpClient client) {
    boolean any = false;
    Instant now = clock.instant();
    for (Tier tier : settings.pool().order()) {
      List<Checked> ofTier =
          checked.stream().filter(c -> c.credential().tier() == tier).toList();
      if (ofTier.isEmpty()) {
        continue;
      }
      Optional<Checked> usable = ofTier.stream().filter(c -> c.canChat(now)).findFirst();
      String step = "chat " + tier.label();
      if (usable.isEmpty()) {
        steps.add(
            DoctorStep.skipped(step, "no credential of this tier refreshed with credit left"));
        continue;
      }
      Checked c = usable.get();
      step = step + " (" + c.credential().name() + ")";
      try {
        ChatProbe.Result r =
            ChatProbe.run(client, c.token().value(), Gateway.requestOptions(settings));
        if (r.finish() == null) {
          steps.add(DoctorStep.fail(
              step,
              "the stream ended without a finished event; events: " + r.events(),
              "the protocol may have changed: see docs/PROTOCOL.md 'When Warp changes'"));
        } else if (r.finish() == FinishReason.DONE || r.finish() == FinishReason.UNSPECIFIED) {
          any = true;
          boolean unknownSeen =
              r.eventsByType().keySet().stream().anyMatch(t -> t.contains("unknown"));
          String detail = "answered " + r.textChars() + " characters, finished "
              + (r.finish() == FinishReason.DONE
                  ? "done"
                  : "with a reason this version does not know")
              + "; events: " + r.events();
          steps.add(
              unknownSeen || r.finish() == FinishReason.UNSPECIFIED
                  ? DoctorStep.warn(
                      step, detail, "the gateway skips what it does not know; see the drift step")
                  : DoctorStep.ok(step, detail));
        } else {
          steps.add(DoctorStep.fail(
              step,
              "finished with " + r.finish().name().toLowerCase(Locale.ROOT)
                  + (r.finishDetail() == null ? "" : " (" + r.finishDetail() + ")") + "; events: "
                  + r.events(),
              r.finish() == FinishReason.QUOTA_LIMIT
                  ? "the account ran out of credit: wait for the reset"
                  : "Warp could not answer now: retry later"));
        }
      } catch (Exception e) {
        steps.add(FailureAdvice.explain(step, FailureAdvice.Endpoint.AI, cause(e)));
      }
    }
    return any;
  }

  /**
   * The identity the gateway presents, and whether any answer of this run suggests Warp refuses it.
   */
  private DoctorStep identity(WarpIdentity identity) {
    String presented = "x-warp-client-version " + identity.clientVersion() + ", x-warp-os-category "
        + identity.osCategory() + ", x-warp-os-name " + identity.osName() + ", x-warp-os-version "
        + identity.osVersion();
    List<String> refusals = steps.stream()
        .filter(s -> FailureAdvice.suggestsOutdatedClient(s.detail()))
        .map(DoctorStep::step)
        .toList();
    if (!refusals.isEmpty()) {
      return DoctorStep.fail(
          "client identity",
          presented + "; Warp's answers to " + String.join(", ", refusals)
              + " suggest this client version is refused or outdated",
          FailureAdvice.IDENTITY_HELP);
    }
    return DoctorStep.ok("client identity", presented + "; no answer suggests Warp refuses it");
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the report is complete; a slow shutdown changes nothing in it
    }
  }

  private static Throwable cause(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String minutes(Duration d) {
    long m = Math.max(0, d.toMinutes());
    return m >= 120 ? (m / 60) + " h" : m + " min";
  }

  private static String withoutQuery(URI url) {
    if (url == null) {
      return "none";
    }
    return url.getRawQuery() == null
        ? url.toString()
        : url.toString().substring(0, url.toString().indexOf('?')) + "?…";
  }
}
