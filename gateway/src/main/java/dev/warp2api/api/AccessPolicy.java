package dev.warp2api.api;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.usage.KeyRegistry;
import dev.warp2api.usage.NamedKey;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may call what (docs/API.md, 'Who may call what'): probes are open; {@code /v1/*} and
 * {@code /api/*} need a client key when {@code API_TOKEN} is set or any named key exists
 * ({@link KeyRegistry}); {@code /admin/*}, {@code /metrics} and {@code /dashboard} need
 * {@code W2A_ADMIN_TOKEN} when it is set, and otherwise come only from loopback (plus a client key
 * when {@code API_TOKEN} is set). The dashboard's pages ({@code /dashboard/*}) check their own
 * login, so here they only keep the loopback rule. Messages never mention the key that was
 * presented.
 */
public final class AccessPolicy {
  /** The classes of routes the contract distinguishes. */
  public enum Area {
    OPEN,
    CLIENT,
    ADMIN,
    /**
     * {@code /dashboard} and its assets: the login form must be reachable without a key, so only
     * the loopback rule applies here; the pages and the admin routes check the session.
     */
    DASHBOARD
  }

  private final ClientKeys clientKeys;
  private final ClientKeys adminKeys;
  private final KeyRegistry namedKeys;

  public AccessPolicy(ClientKeys clientKeys, ClientKeys adminKeys) {
    this(clientKeys, adminKeys, null);
  }

  /** @param namedKeys the named client keys, or null when there are none */
  public AccessPolicy(ClientKeys clientKeys, ClientKeys adminKeys, KeyRegistry namedKeys) {
    this.clientKeys = clientKeys;
    this.adminKeys = adminKeys;
    this.namedKeys = namedKeys;
  }

  /**
   * Returns normally when the request may proceed, with the client key it presents
   * ({@link Caller#ANONYMOUS} when none is needed or the area is not the client's); throws the
   * error to answer otherwise.
   */
  public Caller check(Area area, HttpServerRequest request) {
    switch (area) {
      case OPEN -> {}
      case CLIENT -> {
        return client(request);
      }
      case ADMIN -> {
        if (!adminKeys.isEmpty()) {
          requireKey(adminKeys, request);
        } else {
          requireLoopback(request);
          requireKey(clientKeys, request);
        }
      }
      case DASHBOARD -> {
        if (adminKeys.isEmpty()) {
          requireLoopback(request);
        }
      }
    }
    return Caller.ANONYMOUS;
  }

  /**
   * The caller of a client route: an {@code API_TOKEN} key, else a named key; with neither
   * configured, anyone.
   */
  private Caller client(HttpServerRequest request) {
    boolean named = namedKeys != null && !namedKeys.isEmpty();
    if (!named) {
      String name = requireKey(clientKeys, request);
      return name == null ? Caller.ANONYMOUS : Caller.of(name);
    }
    String name = clientKeys.isEmpty() ? null : clientKeys.nameOf(request);
    if (name != null) {
      return Caller.of(name);
    }
    NamedKey key = namedKeys.find(ClientKeys.bearer(request));
    if (key == null) {
      key = namedKeys.find(ClientKeys.apiKey(request));
    }
    if (key == null) {
      throw unauthorized(request);
    }
    return Caller.of(key);
  }

  /**
   * Whether the admin area is closed to everyone but loopback clients (no {@code W2A_ADMIN_TOKEN}).
   */
  public boolean adminIsLoopbackOnly() {
    return adminKeys.isEmpty();
  }

  /**
   * The keys that open the admin area: {@code W2A_ADMIN_TOKEN} when set; otherwise the client keys
   * (empty when {@code API_TOKEN} is unset too: then loopback alone is enough).
   */
  public ClientKeys adminAreaKeys() {
    return adminKeys.isEmpty() ? clientKeys : adminKeys;
  }

  /** Throws 403 when the admin area is loopback-only and the request comes from elsewhere. */
  public void requireLoopback(HttpServerRequest request) {
    if (!isLoopback(request.remoteAddress())) {
      throw new GatewayException(
          ErrorKind.FORBIDDEN,
          "Admin routes are open to loopback clients only while W2A_ADMIN_TOKEN is unset.");
    }
  }

  /** The name of the key presented; null when {@code keys} is empty (nothing needed). */
  private static String requireKey(ClientKeys keys, HttpServerRequest request) {
    if (keys.isEmpty()) {
      return null;
    }
    String name = keys.nameOf(request);
    if (name == null) {
      throw unauthorized(request);
    }
    return name;
  }

  private static GatewayException unauthorized(HttpServerRequest request) {
    String presented = ClientKeys.presented(request);
    return new GatewayException(
        ErrorKind.UNAUTHORIZED,
        presented == null || presented.isEmpty()
            ? "Missing API key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'."
            : "Incorrect API key provided.");
  }

  static boolean isLoopback(SocketAddress address) {
    if (address == null || address.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
