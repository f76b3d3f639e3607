package dev.warp2api.cli;

import dev.warp2api.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the warp2api jar. Exit codes: 0 ok, 1 failure, 2 usage or configuration error. No
 * argument means {@code serve}.
 */
@Command(
    name = "warp2api",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "OpenAI- and Anthropic-compatible gateway to Warp's AI agent service.",
    footer = {
      "",
      "With no command, runs 'serve'. Settings come from the environment and ./.env",
      "(see docs/CONFIGURATION.md)."
    })
public final class Main implements Callable<Integer> {
  /** Exit code of a failed command. */
  public static final int FAILURE = 1;
  /** Exit code of a usage or configuration error. */
  public static final int USAGE = 2;

  private final CommandContext ctx;

  private Main(CommandContext ctx) {
    this.ctx = ctx;
  }

  public static void main(String[] args) {
    System.exit(run(args, CommandContext.system(CommandBackends.standard())));
  }

  /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
  public static int run(String[] args, CommandContext ctx) {
    int code = args.length == 0 || (args.length == 1 && args[0].equals("serve"))
        ? serve(ctx)
        : parsed(args, ctx);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  private static int parsed(String[] args, CommandContext ctx) {
    CommandLine cli = commandLine(ctx);
    cli.setOut(ctx.out());
    cli.setErr(ctx.err());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, ctx));
    return cli.execute(args);
  }

  /*
   * The plain `serve` (with no argument, as the launcher runs it) takes no option, so it skips picocli: building
   * the command tree reflects over every command's annotations, a large share of the start-up (see
   * docs/PERFORMANCE.md). Same exit codes and error output as through picocli.
   */
  private static int serve(CommandContext ctx) {
    try {
      return new ServeCommand(ctx).call();
    } catch (Exception e) {
      return failed(e, ctx);
    }
  }

  static CommandLine commandLine(CommandContext ctx) {
    CommandLine pool = new CommandLine(new PoolCommand());
    for (PoolAction action : PoolAction.values()) {
      CommandLine sub = new CommandLine(new PoolActionCommand(action, ctx));
      sub.getCommandSpec().usageMessage().description(action.description());
      pool.addSubcommand(action.label(), sub);
    }
    CommandLine keys = new CommandLine(new KeysCommand())
        .addSubcommand("create", new KeysCommand.Create(ctx))
        .addSubcommand("list", new KeysCommand.ListKeys(ctx))
        .addSubcommand("revoke", new KeysCommand.Revoke(ctx));
    return new CommandLine(new Main(ctx))
        .addSubcommand("serve", new ServeCommand(ctx))
        .addSubcommand("pool", pool)
        .addSubcommand("keys", keys)
        .addSubcommand("usage", new UsageCommand(ctx))
        .addSubcommand("doctor", new DoctorCommand(ctx))
        .addSubcommand("sim", new SimCommand(ctx))
        .addSubcommand("demo", new DemoCommand(ctx));
  }

  @Override
  public Integer call() throws Exception {
    return new ServeCommand(ctx).call();
  }

  private static int failed(Exception e, CommandContext ctx) {
    if (e instanceof ConfigException config) {
      ctx.err().println("configuration error:");
      config.problems().forEach(p -> ctx.err().println("  " + p));
      return USAGE;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ctx.err().println("error: " + message);
    return FAILURE;
  }
}
