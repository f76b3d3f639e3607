package dev.warp2api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.config.Tier;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.PoolJson;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The operator's levers on the pool, as the admin routes answer them: the pool table,
 * {@code check}, {@code recover}, disabling one credential, and adding or removing one at run time.
 * Answers never carry a token; a check reports, per credential, {@code ok} or what went wrong. The
 * HTTP side (paths, access, error bodies) is the server's.
 */
public final class PoolAdmin {
  private final CredentialPool pool;
  private final PoolMaintenance maintenance;

  public PoolAdmin(PoolMaintenance maintenance) {
    this.pool = maintenance.pool();
    this.maintenance = maintenance;
  }

  /** {@code GET /admin/pool}: every credential's state, quota and counters. */
  public ObjectNode table() {
    return PoolJson.tree(pool.snapshot());
  }

  /**
   * {@code POST /admin/pool/check}: the table after checking every credential, with each one's
   * result.
   */
  public Future<ObjectNode> check() {
    return maintenance.check().map(this::withChecks);
  }

  /**
   * {@code POST /admin/pool/recover}: the table after returning credentials to service and checking
   * them.
   */
  public Future<ObjectNode> recover() {
    return maintenance.recover().map(this::withChecks);
  }

  /**
   * {@code POST /admin/pool/credentials}: adds {@code {"tier":...,"refresh_token":...}} and
   * schedules a read of its quota.
   *
   * @return the added credential, by name
   * @throws GatewayException (invalid request) naming the bad field
   */
  public ObjectNode add(JsonNode request) {
    Tier tier = tier(request.get("tier"));
    JsonNode token = request.get("refresh_token");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      throw GatewayException.invalid("refresh_token must be a non-empty string.", "refresh_token");
    }
    CredentialView added = pool.add(tier, token.asText().trim());
    maintenance.quotas().readSoon(new CredentialId(added.name(), added.fingerprint()));
    return PoolJson.tree(List.of(added));
  }

  /**
   * {@code POST /admin/pool/credentials/{name}/disable}: takes the credential out of service until
   * a recover (persisted); requests already using it finish.
   */
  public ObjectNode disable(String name) {
    return PoolJson.tree(List.of(pool.disable(name)));
  }

  /** {@code DELETE /admin/pool/credentials/{name}}: removes the credential (persisted). */
  public ObjectNode remove(String name) {
    return PoolJson.tree(List.of(pool.remove(name)));
  }

  /**
   * The pool's state written durably (file and directory fsync'd). Every admin write answers only
   * once this completes, so a crash right after the answer cannot undo the operator's change.
   */
  public CompletionStage<Void> persisted() {
    return pool.persisted();
  }

  private static Tier tier(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw GatewayException.invalid("tier must be one of personal, shared, anonymous.", "tier");
    }
    try {
      return Tier.valueOf(node.asText().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid("tier must be one of personal, shared, anonymous.", "tier");
    }
  }

  private ObjectNode withChecks(Map<String, String> results) {
    ObjectNode answer = table();
    ObjectNode checks = answer.putObject("checks");
    results.forEach(checks::put);
    return answer;
  }
}
