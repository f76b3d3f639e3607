package dev.warp2api.cli;

import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.PoolTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How {@code pool check} and {@code pool recover} end, online and {@code --offline} alike: the pool
 * table, one line per credential with its check ({@code ok} or why not), how many work, and the
 * exit code: 1 when no credential's check is {@code ok}. A credential's state alone never counts as
 * working.
 */
final class CheckReport {
  private CheckReport() {}

  /** Prints the report; returns the exit code. */
  static int print(
      List<CredentialView> views, Map<String, String> checks, Instant now, PrintWriter out) {
    out.print(PoolTable.render(views, now));
    out.println();
    checks.forEach((name, result) -> out.println(name + ": " + result));
    long working = checks.values().stream().filter("ok"::equals).count();
    out.println(working + " of " + checks.size() + " credential(s) work");
    return working > 0 ? 0 : Main.FAILURE;
  }
}
