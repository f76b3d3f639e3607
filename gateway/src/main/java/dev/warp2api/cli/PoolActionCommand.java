package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.config.Settings;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.PoolJson;
import dev.warp2api.pool.PoolTable;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool status|check|recover}: asks the running gateway's admin API (or, with
 * {@code --offline}, the offline backend) and prints the pool table. {@code check} and
 * {@code recover} also print each credential's check and exit 1 when none is {@code ok}
 * ({@link CheckReport}), in both modes.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionInfo.class)
final class PoolActionCommand implements Callable<Integer> {
  private final PoolAction action;
  private final CommandContext ctx;

  @Option(
      names = "--offline",
      description = "read the configuration and state store instead of asking the running gateway")
  boolean offline;

  PoolActionCommand(PoolAction action, CommandContext ctx) {
    this.action = action;
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = ctx.loadSettings().settings();
    if (offline) {
      return ctx.backends().offlinePool().run(action, settings, ctx.out());
    }
    AdminClient.Answer answer = new AdminClient(settings).send(action);
    if (answer instanceof AdminClient.Answer.Failed failed) {
      ctx.err().println("error: " + failed.message());
      return Main.FAILURE;
    }
    JsonNode pool = ((AdminClient.Answer.Pool) answer).json();
    Instant now = Clock.systemUTC().instant();
    List<CredentialView> views = PoolJson.parse(pool, now);
    if (action == PoolAction.STATUS) {
      ctx.out().print(PoolTable.render(views, now));
      return 0;
    }
    JsonNode checks = pool.path("checks");
    if (!checks.isObject()) {
      ctx.out().print(PoolTable.render(views, now));
      ctx.err()
          .println("error: the gateway's answer to " + action.path()
              + " has no 'checks': cannot tell which" + " credential works");
      return Main.FAILURE;
    }
    Map<String, String> results = new LinkedHashMap<>();
    checks.fields().forEachRemaining(f -> results.put(f.getKey(), f.getValue().asText()));
    return CheckReport.print(views, results, now, ctx.out());
  }
}
