package dev.warp2api.cli;

import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code doctor} says about a failed upstream call: what went wrong, precisely, and what to
 * do, per step (the token exchange, a GraphQL read, the AI endpoint). Also tells when Warp's answer
 * suggests that the client version the gateway presents is refused or outdated. Pure.
 */
final class FailureAdvice {
  private FailureAdvice() {}

  /** Where the call went. */
  enum Endpoint {
    REFRESH,
    GRAPHQL,
    AI
  }

  /** Docs that say how to set a newer identity. */
  static final String IDENTITY_HELP =
      "set WARP_CLIENT_VERSION (and WARP_OS_*) to a current Warp release, see "
          + "docs/OPERATIONS.md 'Client identity'";

  /** Words Warp (or an edge in front of it) would use to refuse an old client. */
  private static final Pattern OUTDATED = Pattern.compile(
      "(?i)HTTP 426|upgrade required|CLIENT_VERSION|UNSUPPORTED_CLIENT|OUTDATED|no longer supported|update warp"
          + "|please (update|upgrade)|minimum (client )?version|version (is )?too old");

  /** A failed step's line for {@code error} at {@code endpoint}. */
  static DoctorStep explain(String step, Endpoint endpoint, Throwable error) {
    if (!(error instanceof UpstreamFailureException u)) {
      return DoctorStep.fail(
          step,
          "failed: " + error.getClass().getSimpleName()
              + (error.getMessage() == null ? "" : ": " + error.getMessage()),
          "run with W2A_VERBOSE=true and look at the log");
    }
    UpstreamFailure f = u.failure();
    String said = f.safeDescription();
    if (suggestsOutdatedClient(said)) {
      return DoctorStep.fail(
          step,
          "Warp's answer suggests this client version is refused or outdated: " + said,
          IDENTITY_HELP);
    }
    return switch (f) {
      case UpstreamFailure.AuthRejected a ->
        switch (endpoint) {
          case REFRESH ->
            DoctorStep.fail(
                step,
                "Warp refused the refresh token (HTTP " + a.status() + ")",
                "the token is revoked, expired or mistyped: sign in to Warp again and put a new refresh token in the "
                    + "setting it came from (WARP_REFRESH_TOKEN, WARP_*_TOKENS)");
          case GRAPHQL ->
            DoctorStep.fail(
                step,
                "Warp's GraphQL endpoint refused the access token (HTTP " + a.status() + ")",
                "check WARP_GRAPHQL_URL; if it is right, the account may be suspended");
          case AI ->
            DoctorStep.fail(
                step,
                "Warp's AI endpoint refused the access token (HTTP " + a.status()
                    + ") although the token exchange issued it",
                a.status() == 403
                    ? "the account may not be allowed to use the agent service (check it in the Warp app), or Warp "
                        + "refuses this client; " + IDENTITY_HELP
                    : "check WARP_API_URL; if it is right, sign in to Warp again and renew the refresh token");
        };
      case UpstreamFailure.QuotaExhausted q ->
        DoctorStep.fail(
            step,
            "the account is out of credits: " + q.userDisplayMessage(),
            "wait for the reset, or add a credential with credit left");
      case UpstreamFailure.Overloaded o ->
        o.unknownErrorCode() != null
            ? DoctorStep.fail(
                step,
                "Warp answered 429 with X-Warp-Error-Code " + o.unknownErrorCode()
                    + ", a code this version does not know",
                "look up what Warp means by it; docs/PROTOCOL.md 'When Warp "
                    + "changes' says how to report it (W2A_CAPTURE_DIR keeps a redacted copy of the exchange)")
            : DoctorStep.fail(
                step, "Warp is overloaded (429)", "retry later; nothing is wrong on this side");
      case UpstreamFailure.BadRequest b ->
        DoctorStep.fail(
            step,
            "Warp refused the request: " + b.message(),
            hasUnknownCode(said)
                ? "a code this version does not know: see docs/PROTOCOL.md 'When Warp changes'"
                : "the request format may have changed on Warp's side: see docs/PROTOCOL.md 'When Warp changes'");
      case UpstreamFailure.Transient t ->
        DoctorStep.fail(step, t.description(), advice(t.description(), endpoint));
      case UpstreamFailure.Unreadable r ->
        DoctorStep.fail(
            step,
            "Warp sent an event this version cannot read: " + r.description(),
            "the protocol changed: see docs/PROTOCOL.md 'When Warp changes'");
      case UpstreamFailure.DroppedMidStream d ->
        DoctorStep.fail(
            step,
            d.safeDescription(),
            "retry; if it repeats, check proxies and firewalls that cut long responses");
    };
  }

  /** Whether Warp's words (status, code, message) point at the client version. */
  static boolean suggestsOutdatedClient(String said) {
    return said != null && OUTDATED.matcher(said).find();
  }

  private static boolean hasUnknownCode(String said) {
    return said.contains(UpstreamFailure.ERROR_CODE_HEADER);
  }

  private static String advice(String description, Endpoint endpoint) {
    String d = description.toLowerCase(Locale.ROOT);
    if (d.contains("html page")) {
      return "an HTML page comes from a proxy, a captive portal or an edge in front of Warp, not from Warp's "
          + "service: check HTTPS_PROXY and the network path, and the URL in " + setting(endpoint);
    }
    if (d.contains("timed out") || d.contains("silent")) {
      return "Warp did not answer in time: check the network path; retry later";
    }
    if (d.contains("cannot reach")) {
      return "check the URL in " + setting(endpoint)
          + ", DNS, firewalls and HTTPS_PROXY (see the network steps)";
    }
    return "retry later; if it repeats, see docs/PROTOCOL.md 'When Warp changes'";
  }

  private static String setting(Endpoint endpoint) {
    return switch (endpoint) {
      case REFRESH -> "WARP_REFRESH_URL";
      case GRAPHQL -> "WARP_GRAPHQL_URL";
      case AI -> "WARP_API_URL";
    };
  }
}
