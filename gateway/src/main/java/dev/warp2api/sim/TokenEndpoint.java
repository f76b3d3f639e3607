package dev.warp2api.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /proxy/token?key=…}: exchanges a refresh token for an access token (JWT).
 *
 * <p>Success mirrors Google's Secure Token API: {@code {access_token, expires_in:"3600",
 * token_type:"Bearer", refresh_token, id_token, user_id, project_id}}. Rejection is 400
 * {@code {"error":{"code":400,"message": "INVALID_REFRESH_TOKEN"}}} — the real Warp proxy body is
 * only paraphrased in the sources ("Invalid refresh token"), so this is Google's documented shape,
 * not a capture.
 */
final class TokenEndpoint {
  private final Accounts accounts;
  private final JwtIssuer jwt;
  private final Clock clock;

  TokenEndpoint(Accounts accounts, JwtIssuer jwt, Clock clock) {
    this.accounts = accounts;
    this.jwt = jwt;
    this.clock = clock;
  }

  void handle(HttpServerRequest req, Buffer body) {
    String grant = null;
    String token = null;
    for (String pair : body.toString(StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = pair.substring(0, eq);
      String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (k.equals("grant_type")) {
        grant = v;
      } else if (k.equals("refresh_token")) {
        token = v;
      }
    }
    if (!"refresh_token".equals(grant)) {
      error(req, "INVALID_GRANT_TYPE");
      return;
    }
    if (token == null || token.isEmpty()) {
      error(req, "MISSING_REFRESH_TOKEN");
      return;
    }
    Optional<Account> account = accounts.forRefreshToken(token);
    if (account.isEmpty() || !account.get().refresh()) {
      error(req, "INVALID_REFRESH_TOKEN");
      return;
    }
    Account a = account.get();
    String access = jwt.issue(a, clock.instant());
    JsonObject json = new JsonObject()
        .put("access_token", access)
        .put("expires_in", Long.toString(jwt.lifetime().toSeconds()))
        .put("token_type", "Bearer")
        .put("refresh_token", token)
        .put("id_token", access)
        .put("user_id", a.userId)
        .put("project_id", JwtIssuer.PROJECT_ID);
    req.response().putHeader("content-type", "application/json; charset=utf-8").end(json.encode());
  }

  private static void error(HttpServerRequest req, String message) {
    JsonObject json =
        new JsonObject().put("error", new JsonObject().put("code", 400).put("message", message));
    req.response()
        .setStatusCode(400)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(json.encode());
  }
}
