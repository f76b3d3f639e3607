package dev.warp2api.server.dashboard;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What a dashboard session cookie on a request to the admin area means. A request with a live
 * session is admitted as its admin, and every write (anything but GET and HEAD) must then also
 * carry that session's CSRF token in {@value #CSRF_HEADER}, else it is refused with 403, whatever
 * else it carries. A request without a live session is left to the key rules (the admin key as a
 * header, or loopback when no admin key is set). Independently of sessions, a browser's write that
 * it marks as coming from another site ({@code Sec-Fetch-Site: cross-site}) is refused: no page
 * elsewhere can drive the admin routes, not even while they are open to loopback.
 */
public final class DashboardGate {
  /** The header the dashboard's script sends its CSRF token in. */
  public static final String CSRF_HEADER = "x-csrf-token";

  /** What a request's session cookie decides. */
  public sealed interface Admission {
    /** No live session presented: the key rules decide. */
    record NoSession() implements Admission {}

    /** A live session, and for a write its CSRF token. */
    record Admitted(Session session) implements Admission {}

    /** A live session but a write without its CSRF token: 403. */
    record Refused(String reason) implements Admission {}
  }

  private final DashboardSessions sessions;

  public DashboardGate(DashboardSessions sessions) {
    this.sessions = sessions;
  }

  /** The request's session, CSRF token and fetch metadata, judged. */
  public Admission admit(HttpServerRequest request) {
    refuseCrossSiteWrite(request.method(), request.getHeader("sec-fetch-site"));
    return admit(request.method(), request.getHeader("cookie"), request.getHeader(CSRF_HEADER));
  }

  /**
   * Judges a session cookie header and a CSRF header on a request of {@code method}.
   *
   * @param cookieHeader the request's {@code Cookie} header, or null
   * @param csrfHeader the request's {@value #CSRF_HEADER}, or null
   */
  public Admission admit(HttpMethod method, String cookieHeader, String csrfHeader) {
    Optional<Session> session = session(cookieHeader);
    if (session.isEmpty()) {
      return new Admission.NoSession();
    }
    if (isWrite(method) && !csrfMatches(session.get(), csrfHeader)) {
      return new Admission.Refused("This action needs the dashboard's CSRF token in the "
          + CSRF_HEADER + " header; reload the dashboard and try again.");
    }
    return new Admission.Admitted(session.get());
  }

  /** The live session a {@code Cookie} header names, if any. */
  public Optional<Session> session(String cookieHeader) {
    for (String id : SessionCookie.values(cookieHeader)) {
      Optional<Session> session = sessions.find(id);
      if (session.isPresent()) {
        return session;
      }
    }
    return Optional.empty();
  }

  /**
   * Throws 403 for a write a browser marks as sent from another site's page.
   *
   * @param secFetchSite the request's {@code Sec-Fetch-Site} header, or null (not a browser, or an
   *     old one)
   */
  public static void refuseCrossSiteWrite(HttpMethod method, String secFetchSite) {
    if (isWrite(method) && "cross-site".equalsIgnoreCase(secFetchSite)) {
      throw new GatewayException(
          ErrorKind.FORBIDDEN, "Admin actions are refused from another site's page.");
    }
  }

  /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(Session session, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        session.csrfToken().getBytes(StandardCharsets.UTF_8),
        presented.trim().getBytes(StandardCharsets.UTF_8));
  }

  static boolean isWrite(HttpMethod method) {
    return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method));
  }
}
