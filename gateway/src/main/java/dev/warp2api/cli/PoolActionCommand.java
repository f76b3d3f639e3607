package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.config.Settings;
import dev.warp2api.pool.CredentialState;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.PoolJson;
import dev.warp2api.pool.PoolTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool status|check|recover}: asks the running gateway's admin API (or, with
 * {@code --offline}, the offline backend) and prints the pool table. {@code check} exits 1 when no
 * credential works afterwards.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionInfo.class)
final class PoolActionCommand implements Callable<Integer> {
  private final PoolAction action;
  private final CommandContext ctx;

  @Option(names = "--offline",
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
    ctx.out().print(PoolTable.render(views, now));
    if (action == PoolAction.CHECK) {
      long working = views.stream().filter(v -> v.state() == CredentialState.AVAILABLE).count();
      ctx.out().println(working + " of " + views.size() + " credential(s) work");
      return working > 0 ? 0 : Main.FAILURE;
    }
    return 0;
  }
}
